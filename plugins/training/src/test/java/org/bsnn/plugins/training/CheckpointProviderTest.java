package org.bsnn.plugins.training;

import org.bsnn.api.stage.Trainer;
import org.junit.jupiter.api.Test;

class CheckpointProviderTest {
  @Test
  void providesTheDocumentedPlugin() {
    ProviderChecks.check(new CheckpointProvider(), "checkpoint", Trainer.class);
  }
}
