package org.bsnn.plugins.training;

import org.bsnn.api.stage.Architecture;
import org.junit.jupiter.api.Test;

class VggSmallProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new VggSmallProvider(), "vgg-small", Architecture.class);
  }
}
