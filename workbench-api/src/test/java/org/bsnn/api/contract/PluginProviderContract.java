package org.bsnn.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.Doc;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PluginProvider} meets. A plugin module tests a provider by implementing
 * this interface in a test class and returning the provider:
 *
 * <pre>{@code
 * class XnorBwnProviderTest implements PluginProviderContract<Binarizer, BinarizerConfig> {
 *   public PluginProvider<Binarizer, BinarizerConfig> provider() { return new XnorBwnProvider(); }
 * }
 * }</pre>
 *
 * <p>It checks what the runner and the CLI rely on: a kebab-case id, a one-sentence description, a
 * stage interface, documented config keys, defaults that survive the YAML binding round trip,
 * {@code create} returning the declared stage, registration in {@code META-INF/services}, and
 * unknown config keys rejected with the list of valid keys.
 *
 * @param <S> the stage interface
 * @param <C> the config record
 */
public interface PluginProviderContract<S extends Stage, C extends Record> {

  /** Lowercase words of letters and digits joined by single hyphens, starting with a letter. */
  Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** The location attached to config entries built by these checks. */
  SourceLocation CONTRACT_LOCATION = new SourceLocation("contract-test.yaml", 7);

  /** The provider under test (a fresh instance or a shared one; it must be stateless). */
  PluginProvider<S, C> provider();

  @Test
  default void idIsKebabCase() {
    String id = provider().id();
    assertNotNull(id, "id()");
    assertTrue(
        KEBAB_CASE.matcher(id).matches(),
        "id '"
            + id
            + "' must be kebab-case (lowercase letters and digits joined by single hyphens)");
  }

  @Test
  default void descriptionIsOneSentence() {
    String d = provider().description();
    assertNotNull(d, "description()");
    assertFalse(d.isBlank(), "description() is blank");
    assertEquals(d.strip(), d, "description has leading or trailing white space: '" + d + "'");
    assertFalse(d.contains("\n") || d.contains("\r"), "description must be one line: '" + d + "'");
    assertTrue(
        Character.isUpperCase(d.codePointAt(0)) || Character.isDigit(d.codePointAt(0)),
        "description must start like a sentence (capital letter): '" + d + "'");
    assertTrue(d.endsWith("."), "description must end with a full stop: '" + d + "'");
    assertTrue(
        d.trim().split("\\s+").length >= 3,
        "description must be a sentence, not a label: '" + d + "'");
  }

  @Test
  default void stageIsOneOfTheStageInterfaces() {
    Class<S> stage = provider().stage();
    assertNotNull(stage, "stage()");
    assertTrue(
        Arrays.stream(StageKind.values()).anyMatch(k -> k.type().equals(stage)),
        stage.getName()
            + " is not one of StageKind's interfaces "
            + Arrays.stream(StageKind.values()).map(k -> k.type().getSimpleName()).toList());
  }

  @Test
  default void configIsARecordWithDefaultsOfThatType() {
    PluginProvider<S, C> p = provider();
    assertNotNull(p.configType(), "configType()");
    assertTrue(p.configType().isRecord(), p.configType().getName() + " is not a record");
    C defaults = p.defaults();
    assertNotNull(defaults, "defaults()");
    assertSame(p.configType(), defaults.getClass(), "defaults() must be exactly configType()");
  }

  @Test
  default void everyConfigKeyHasDocumentation() {
    List<String> undocumented = new ArrayList<>();
    for (RecordComponent c : provider().configType().getRecordComponents()) {
      Doc doc = c.getAnnotation(Doc.class);
      if (doc == null || doc.value() == null || doc.value().isBlank()) {
        undocumented.add(c.getName());
      }
    }
    assertTrue(
        undocumented.isEmpty(),
        provider().configType().getSimpleName()
            + " components without a non-blank @Doc: "
            + undocumented);
  }

  @Test
  default void defaultsSurviveTheBindingRoundTrip() {
    PluginProvider<S, C> p = provider();
    C defaults = p.defaults();
    Map<String, Object> plain = ConfigBinder.toMap(defaults);
    // A key whose default is null may be left out (@JsonInclude(NON_NULL)), so that adding an
    // optional key keeps the hashes (and cached results) of configs that do not set it.
    List<String> expected =
        java.util.Arrays.stream(p.configType().getRecordComponents())
            .filter(c -> plain.containsKey(c.getName()) || componentValue(c, defaults) != null)
            .map(java.lang.reflect.RecordComponent::getName)
            .sorted()
            .toList();
    assertEquals(
        expected,
        List.copyOf(plain.keySet()),
        "toMap(defaults) must have exactly the record's keys (but unset ones)");
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    plain.forEach((k, v) -> entries.put(k, new ConfigEntry(v, CONTRACT_LOCATION)));
    C bound =
        ConfigBinder.bind("contract test of '" + p.id() + "'", p.configType(), defaults, entries);
    assertEquals(defaults, bound, "binding toMap(defaults) over defaults must give defaults back");
    // and the bound record maps back to the same plain values
    assertEquals(plain, ConfigBinder.toMap(bound));
  }

  @Test
  default void createWithDefaultsReturnsTheDeclaredStage() {
    PluginProvider<S, C> p = provider();
    S created = p.create(p.defaults());
    assertNotNull(created, "create(defaults()) returned null");
    assertInstanceOf(
        p.stage(), created, "create() must return an instance of " + p.stage().getSimpleName());
    // the registry's untyped path works too
    assertInstanceOf(p.stage(), PluginRegistry.create(p, p.defaults()));
  }

  @Test
  @SuppressWarnings("rawtypes")
  default void isRegisteredForServiceLoader() {
    Class<?> type = provider().getClass();
    List<String> found = new ArrayList<>();
    boolean registered = false;
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      found.add(p.getClass().getName());
      if (p.getClass().equals(type)) {
        registered = true;
        assertEquals(provider().id(), p.id(), "the loaded instance reports another id");
      }
    }
    assertTrue(
        registered,
        type.getName()
            + " is not listed in META-INF/services/"
            + PluginProvider.class.getName()
            + "; ServiceLoader found "
            + found);
  }

  @Test
  default void registryResolvesItsIdToThisProvider() {
    PluginProvider<S, C> p = provider();
    // discover() also fails if another provider on the class path claims the same id
    PluginRegistry registry = PluginRegistry.discover();
    assertEquals(p.getClass(), registry.get(StageKind.of(p.stage()), p.id()).getClass());
  }

  @Test
  default void unknownConfigKeyIsRejectedWithTheValidKeys() {
    PluginProvider<S, C> p = provider();
    String bogus = "no-such-key-" + p.id();
    Map<String, ConfigEntry> entries = Map.of(bogus, new ConfigEntry(1, CONTRACT_LOCATION));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigBinder.bind(
                    "plugin '" + p.id() + "'", p.configType(), p.defaults(), entries));
    String message = e.getMessage();
    assertTrue(message.contains(bogus), "message must name the unknown key: " + message);
    assertTrue(
        message.contains(CONTRACT_LOCATION.toString()),
        "message must name file and line: " + message);
    List<String> keys = ConfigBinder.keys(p.configType());
    for (String key : keys) {
      assertTrue(message.contains(key), "message must list valid key '" + key + "': " + message);
    }
    if (keys.isEmpty()) {
      assertTrue(
          message.contains("(none)"), "message must say there are no valid keys: " + message);
    }
  }

  private static Object componentValue(java.lang.reflect.RecordComponent c, Record record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read " + c.getName() + " of " + record, e);
    }
  }
}
