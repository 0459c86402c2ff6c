package org.bsnn.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.bsnn.api.config.Doc;
import org.bsnn.api.stage.Metric;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  record Empty() {}

  record Sized(@Doc("a size") int size) {}

  /** A normalizer provider whose id is chosen by the test. */
  static class NormalizerA implements PluginProvider<Normalizer, Empty> {
    private final String id;

    NormalizerA(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Class<Normalizer> stage() {
      return Normalizer.class;
    }

    @Override
    public Class<Empty> configType() {
      return Empty.class;
    }

    @Override
    public Empty defaults() {
      return new Empty();
    }

    @Override
    public Normalizer create(Empty config) {
      return mock(Normalizer.class);
    }

    @Override
    public String description() {
      return "A fake normalizer for registry tests.";
    }
  }

  /** A second class, so that a clash names two different classes. */
  static final class NormalizerB extends NormalizerA {
    NormalizerB(String id) {
      super(id);
    }
  }

  @SuppressWarnings("unchecked")
  private static PluginProvider<Metric, Sized> metric(String id) {
    PluginProvider<Metric, Sized> p = mock(PluginProvider.class);
    when(p.id()).thenReturn(id);
    when(p.stage()).thenReturn(Metric.class);
    when(p.configType()).thenReturn(Sized.class);
    return p;
  }

  @Test
  void duplicateIdsInOneStageFailAtConstructionNamingBothClasses() {
    List<PluginProvider<?, ?>> providers =
        List.of(new NormalizerA("percentile"), new NormalizerB("percentile"));
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> new PluginRegistry(providers));
    String message = e.getMessage();
    assertTrue(message.contains("'percentile'"), message);
    assertTrue(message.contains(NormalizerA.class.getName()), message);
    assertTrue(message.contains(NormalizerB.class.getName()), message);
    assertTrue(message.contains("normalize"), "names the stage: " + message);
  }

  @Test
  void theSameIdInDifferentStagesIsAllowed() {
    PluginProvider<?, ?> normalizer = new NormalizerA("shared");
    PluginProvider<?, ?> metric = metric("shared");
    PluginRegistry registry = new PluginRegistry(List.of(normalizer, metric));
    assertSame(normalizer, registry.get(StageKind.NORMALIZE, "shared"));
    assertSame(metric, registry.get(StageKind.EVALUATE, "shared"));
  }

  @Test
  void unknownIdListsTheKnownIdsOfThatStage() {
    PluginRegistry registry =
        new PluginRegistry(
            List.of(
                new NormalizerA("percentile"),
                new NormalizerB("max-activation"),
                metric("ann-accuracy")));
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> registry.get(StageKind.NORMALIZE, "percentil"));
    String message = e.getMessage();
    assertTrue(message.contains("'percentil'"), message);
    assertTrue(message.contains("max-activation, percentile"), "sorted known ids: " + message);
    assertTrue(
        !message.contains("ann-accuracy"), "ids of other stages are not offered: " + message);
  }

  @Test
  void unknownIdInAnEmptyStageSaysNoneIsInstalled() {
    PluginRegistry registry = new PluginRegistry(List.of(new NormalizerA("percentile")));
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> registry.get(StageKind.SIMULATE, "time-stepped"));
    assertTrue(e.getMessage().contains("(none installed)"), e.getMessage());
    assertTrue(e.getMessage().contains("simulate"), e.getMessage());
  }

  @Test
  void idsAreSortedAndAllIsInTemplateOrder() {
    PluginProvider<?, ?> m = metric("zeta");
    PluginProvider<?, ?> b = new NormalizerA("beta");
    PluginProvider<?, ?> a = new NormalizerB("alpha");
    PluginRegistry registry = new PluginRegistry(List.of(m, b, a));
    assertEquals(List.of("alpha", "beta"), registry.ids(StageKind.NORMALIZE));
    assertEquals(List.of(a, b, m), registry.all());
  }

  @Test
  void createCastsTheBoundConfig() {
    NormalizerA p = new NormalizerA("x");
    assertTrue(PluginRegistry.create(p, new Empty()) instanceof Normalizer);
    assertThrows(ClassCastException.class, () -> PluginRegistry.create(p, new Sized(1)));
  }
}
