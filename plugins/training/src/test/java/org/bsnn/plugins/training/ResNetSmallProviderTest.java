package org.bsnn.plugins.training;

import org.bsnn.api.stage.Architecture;
import org.junit.jupiter.api.Test;

class ResNetSmallProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new ResNetSmallProvider(), "resnet-small", Architecture.class);
  }
}
