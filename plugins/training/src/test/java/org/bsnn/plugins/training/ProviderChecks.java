package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;

/**
 * Checks every provider must pass (the API test-jar has no {@code PluginProviderContract} yet):
 * kebab-case id, documented config whose defaults bind, a plugin created without computation, and
 * discovery through {@code META-INF/services}.
 */
final class ProviderChecks {
  private ProviderChecks() {}

  static <S extends org.bsnn.api.stage.Stage, C extends Record> void check(PluginProvider<S, C> provider,
      String id, Class<S> stage) {
    assertEquals(id, provider.id());
    assertTrue(provider.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case id");
    assertEquals(stage, provider.stage());
    assertFalse(provider.description().isBlank());
    C defaults = provider.defaults();
    assertNotNull(defaults);
    assertEquals(provider.configType(), defaults.getClass());
    C bound = ConfigBinder.bind(id, provider.configType(), defaults, Map.of());
    assertEquals(defaults, bound, "defaults bind onto themselves");
    ConfigBinder.docs(provider.configType())
        .forEach((key, doc) -> assertFalse(doc.isBlank(), id + "." + key + " has no @Doc"));
    assertTrue(stage.isInstance(provider.create(defaults)));
    PluginProvider<?, ?> found = PluginRegistry.discover().get(StageKind.of(stage), id);
    assertEquals(provider.getClass(), found.getClass(), "listed in META-INF/services");
  }
}
