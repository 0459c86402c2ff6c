package org.bsnn.plugins.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.junit.jupiter.api.Test;

/** vgg-small's qcfsLevels / qcfsLambda keys. */
class QcfsActivationsTest {

  private static final VggSmallConfig DEFAULTS = new VggSmallProvider().defaults();

  private static VggSmallConfig bind(Map<String, Object> values) {
    Map<String, ConfigEntry> entries = new java.util.LinkedHashMap<>();
    values.forEach(
        (k, v) -> entries.put(k, new ConfigEntry(v, new SourceLocation("model.yaml", 1))));
    return ConfigBinder.bind("model 'vgg-small'", VggSmallConfig.class, DEFAULTS, entries);
  }

  @Test
  void unsetKeysLeaveTheConfigMapAsBeforeSoCachedNetworksStayValid() {
    Map<String, Object> map = ConfigBinder.toMap(DEFAULTS);
    assertEquals(
        List.of("bias", "dropout", "layers", "poolBeforeRelu", "pooling"),
        List.copyOf(map.keySet()));
  }

  @Test
  void everyReluBecomesAQcfsLayerWithTheConfiguredLambda() {
    VggSmallConfig config =
        bind(Map.of("layers", "c8p-fc16-fc10", "qcfsLevels", 4, "qcfsLambda", 6.0));
    assertEquals(4, config.qcfsLevels());
    Network net =
        new VggSmallArchitecture(config)
            .build(ArchitectureFixtures.info("t", 1, 28, 28, 10), new TestRunContext(0));
    List<Layer> activations =
        net.nodes().stream().map(Node::layer).filter(Layer::isSpikingActivation).toList();
    assertEquals(2, activations.size());
    assertEquals(List.of(new Layer.Qcfs(6.0, 4), new Layer.Qcfs(6.0, 4)), activations);
    assertTrue(ConfigBinder.toMap(config).containsKey("qcfsLevels"));

    Network defaultLambda =
        new VggSmallArchitecture(bind(Map.of("layers", "c8p-fc10", "qcfsLevels", 8)))
            .build(ArchitectureFixtures.info("t", 1, 28, 28, 10), new TestRunContext(0));
    assertTrue(
        defaultLambda.nodes().stream()
            .anyMatch(n -> n.layer().equals(new Layer.Qcfs(QcfsActivations.DEFAULT_LAMBDA, 8))));
  }

  @Test
  void withoutQcfsLevelsTheNetworkKeepsItsRelus() {
    Network net =
        new VggSmallArchitecture(bind(Map.of("layers", "c8p-fc10")))
            .build(ArchitectureFixtures.info("t", 1, 28, 28, 10), new TestRunContext(0));
    assertFalse(net.nodes().stream().anyMatch(n -> n.layer().type().equals("qcfs")));
  }

  @Test
  void badValuesNameTheKey() {
    ConfigException levels =
        assertThrows(ConfigException.class, () -> bind(Map.of("qcfsLevels", 0)));
    assertTrue(levels.getMessage().contains("qcfsLevels"), levels.getMessage());
    ConfigException alone =
        assertThrows(ConfigException.class, () -> bind(Map.of("qcfsLambda", 4.0)));
    assertTrue(alone.getMessage().contains("qcfsLevels"), alone.getMessage());
    ConfigException negative =
        assertThrows(
            ConfigException.class, () -> bind(Map.of("qcfsLevels", 4, "qcfsLambda", -1.0)));
    assertTrue(negative.getMessage().contains("qcfsLambda"), negative.getMessage());
  }
}
