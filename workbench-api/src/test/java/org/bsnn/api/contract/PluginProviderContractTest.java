package org.bsnn.api.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bsnn.api.config.Doc;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;
import org.bsnn.api.stage.Stage;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The contract can fail: a well-formed fake provider passes every check but registration (it is
 * deliberately not listed in META-INF/services, which would leak into every module using the
 * test-jar), and each broken variant fails the check it breaks.
 */
class PluginProviderContractTest {

  /** A documented config with a validating constructor. */
  record GoodConfig(
      @Doc("a percentile in (0, 100]") double percentile,
      @Doc("calibration images") int samples,
      @Doc("layer names") List<String> layers) {
    GoodConfig {
      if (!(percentile > 0 && percentile <= 100)) {
        throw new IllegalArgumentException("percentile must be in (0, 100]");
      }
      layers = List.copyOf(layers);
    }
  }

  /** One key lacks documentation. */
  record UndocumentedConfig(@Doc("fine") int a, int b) {}

  /** A fake provider; every property can be broken by overriding it. */
  static class Fake implements PluginProvider<Normalizer, GoodConfig> {
    @Override
    public String id() {
      return "fake-normalizer";
    }

    @Override
    public Class<Normalizer> stage() {
      return Normalizer.class;
    }

    @Override
    public Class<GoodConfig> configType() {
      return GoodConfig.class;
    }

    @Override
    public GoodConfig defaults() {
      return new GoodConfig(99.9, 128, List.of("relu1", "relu2"));
    }

    @Override
    public Normalizer create(GoodConfig config) {
      return (ann, calibration, context) -> LayerScales.unit();
    }

    @Override
    public String description() {
      return "A fake normalizer used to test the contract.";
    }
  }

  private static <S extends Stage, C extends Record> PluginProviderContract<S, C> contract(
      PluginProvider<S, C> p) {
    return () -> p;
  }

  @Test
  void aWellFormedProviderPassesEveryCheckButRegistration() {
    PluginProviderContract<Normalizer, GoodConfig> c = contract(new Fake());
    c.idIsKebabCase();
    c.descriptionIsOneSentence();
    c.stageIsOneOfTheStageInterfaces();
    c.configIsARecordWithDefaultsOfThatType();
    c.everyConfigKeyHasDocumentation();
    c.defaultsSurviveTheBindingRoundTrip();
    c.createWithDefaultsReturnsTheDeclaredStage();
    c.unknownConfigKeyIsRejectedWithTheValidKeys();
    assertThrows(AssertionFailedError.class, c::isRegisteredForServiceLoader);
  }

  @Test
  void badIdsFail() {
    for (String id :
        List.of(
            "FakeNormalizer",
            "fake_normalizer",
            "fake--normalizer",
            "-fake",
            "fake-",
            "",
            "1fake")) {
      Fake p =
          new Fake() {
            @Override
            public String id() {
              return id;
            }
          };
      assertThrows(AssertionFailedError.class, () -> contract(p).idIsKebabCase(), id);
    }
  }

  @Test
  void badDescriptionsFail() {
    for (String d :
        List.of(
            "",
            "   ",
            "lower case start of a sentence.",
            "No full stop at the end",
            "Two\nlines here.",
            "Label.")) {
      Fake p =
          new Fake() {
            @Override
            public String description() {
              return d;
            }
          };
      assertThrows(AssertionFailedError.class, () -> contract(p).descriptionIsOneSentence(), d);
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aStageThatIsNotAStageInterfaceFails() {
    Fake p =
        new Fake() {
          @Override
          public Class stage() {
            return Stage.class;
          }
        };
    assertThrows(AssertionFailedError.class, () -> contract(p).stageIsOneOfTheStageInterfaces());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void undocumentedKeysFail() {
    PluginProvider p =
        new PluginProvider<Normalizer, UndocumentedConfig>() {
          @Override
          public String id() {
            return "undocumented";
          }

          @Override
          public Class<Normalizer> stage() {
            return Normalizer.class;
          }

          @Override
          public Class<UndocumentedConfig> configType() {
            return UndocumentedConfig.class;
          }

          @Override
          public UndocumentedConfig defaults() {
            return new UndocumentedConfig(1, 2);
          }

          @Override
          public Normalizer create(UndocumentedConfig config) {
            return (ann, calibration, context) -> LayerScales.unit();
          }

          @Override
          public String description() {
            return "A provider with an undocumented key.";
          }
        };
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class, () -> contract(p).everyConfigKeyHasDocumentation());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[b]"), e.getMessage());
  }

  /** A record whose constructor is not idempotent, so its values do not survive binding. */
  record DoublingConfig(@Doc("a count, doubled on construction (a bug)") int count) {
    DoublingConfig {
      count = count * 2;
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void defaultsThatDoNotSurviveBindingFail() {
    PluginProvider p =
        new PluginProvider<Normalizer, DoublingConfig>() {
          @Override
          public String id() {
            return "doubling";
          }

          @Override
          public Class<Normalizer> stage() {
            return Normalizer.class;
          }

          @Override
          public Class<DoublingConfig> configType() {
            return DoublingConfig.class;
          }

          @Override
          public DoublingConfig defaults() {
            return new DoublingConfig(3);
          }

          @Override
          public Normalizer create(DoublingConfig config) {
            return (ann, calibration, context) -> LayerScales.unit();
          }

          @Override
          public String description() {
            return "A provider whose config changes on every binding.";
          }
        };
    assertThrows(
        AssertionFailedError.class, () -> contract(p).defaultsSurviveTheBindingRoundTrip());
  }

  @Test
  void createReturningNullFails() {
    Fake p =
        new Fake() {
          @Override
          public Normalizer create(GoodConfig config) {
            return null;
          }
        };
    assertThrows(
        AssertionFailedError.class, () -> contract(p).createWithDefaultsReturnsTheDeclaredStage());
  }
}
