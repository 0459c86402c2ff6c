package org.bsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.Doc;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  static final Set<String> IDS =
      Set.of(
          "fashion-mnist", "mnist", "idx", "synthetic", "cifar10", "cifar100", "imagenet-folder");

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void serviceLoaderFindsEveryDatasetWithDocumentedDefaults() {
    Set<String> found = new TreeSet<>();
    for (PluginProvider p : java.util.ServiceLoader.load(PluginProvider.class)) {
      assertEquals(DatasetSource.class, p.stage());
      found.add(p.id());
      Record defaults = p.defaults();
      assertNotNull(defaults);
      assertEquals(p.configType(), defaults.getClass());
      for (RecordComponent c : p.configType().getRecordComponents()) {
        Doc doc = c.getAnnotation(Doc.class);
        assertNotNull(doc, p.id() + "." + c.getName() + " has no @Doc");
        assertFalse(doc.value().isBlank());
      }
      // defaults survive the YAML binder's round trip
      assertEquals(
          defaults, ConfigBinder.bind(p.id(), p.configType(), defaults, java.util.Map.of()));
      assertNotNull(PluginRegistry.create(p, defaults));
      assertTrue(p.description().length() > 20);
    }
    assertEquals(new TreeSet<>(IDS), found);
    assertEquals(
        new TreeSet<>(IDS), new TreeSet<>(PluginRegistry.discover().ids(StageKind.DATASET)));
  }
}
