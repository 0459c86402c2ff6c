package org.bsnn.plugins.training;

import org.bsnn.api.stage.Architecture;
import org.junit.jupiter.api.Test;

class XnorNetProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new XnorNetProvider(), "xnor-net", Architecture.class);
  }
}
