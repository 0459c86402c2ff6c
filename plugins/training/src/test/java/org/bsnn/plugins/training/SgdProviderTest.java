package org.bsnn.plugins.training;

import org.bsnn.api.stage.Trainer;
import org.junit.jupiter.api.Test;

class SgdProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new SgdProvider(), "sgd", Trainer.class);
  }
}
