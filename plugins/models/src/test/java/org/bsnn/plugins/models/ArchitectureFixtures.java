package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DatasetInfo;

/** Dataset descriptions for building networks in tests. */
final class ArchitectureFixtures {
  private ArchitectureFixtures() {}

  /** A dataset description with {@code classes} classes of {@code c x h x w} images. */
  static DatasetInfo info(String name, int c, int h, int w, int classes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class" + i);
    }
    return new DatasetInfo(name, c, h, w, names, Map.of(), Map.of());
  }
}
