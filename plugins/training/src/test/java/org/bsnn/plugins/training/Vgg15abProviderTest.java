package org.bsnn.plugins.training;

import org.bsnn.api.stage.Architecture;
import org.junit.jupiter.api.Test;

class Vgg15abProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new Vgg15abProvider(), "vgg15ab", Architecture.class);
  }
}
