package org.bsnn.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.bsnn.api.config.Doc;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.stage.Metric;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through a class loader with extra jars, as the CLI's plugin path builds it: a broken
 * jar is a {@link UserFacingException} naming the jar and the provider class, never a raw service
 * loader error.
 */
class PluginDiscoveryErrorsTest {

  @TempDir Path dir;

  /** The config of the test metrics. */
  public record Window(@Doc("a window") int window) {}

  /**
   * A working metric provider; its classes come from the test class path, its listing from a jar.
   */
  public static class Working implements PluginProvider<Metric, Window> {
    @Override
    public String id() {
      return "working-metric";
    }

    @Override
    public Class<Metric> stage() {
      return Metric.class;
    }

    @Override
    public Class<Window> configType() {
      return Window.class;
    }

    @Override
    public Window defaults() {
      return new Window(1);
    }

    @Override
    public Metric create(Window config) {
      return (evaluation, context) -> java.util.List.<Measurement>of();
    }

    @Override
    public String description() {
      return "A metric provider for discovery tests.";
    }
  }

  /** Claims the id of {@link Working}. */
  public static final class SameId extends Working {}

  /** Its constructor fails, as a provider reading a missing licence file might. */
  public static final class ThrowingConstructor extends Working {
    /** Fails. */
    public ThrowingConstructor() {
      throw new IllegalStateException("licence file lab.key not found");
    }
  }

  /** Has no constructor the service loader can call. */
  public static final class NoDefaultConstructor extends Working {
    /** Needs an argument. */
    public NoDefaultConstructor(int size) {
      if (size < 0) {
        throw new IllegalArgumentException();
      }
    }
  }

  /** Its id() fails. */
  public static final class ThrowingId extends Working {
    @Override
    public String id() {
      throw new IllegalStateException("id table not loaded");
    }
  }

  private Path jarListing(String name, String... providers) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + PluginProvider.class.getName()));
      out.write(
          ("# test listing\n" + String.join("\n", providers) + "\n")
              .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static URLClassLoader loader(Path... jars) throws IOException {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader(urls, PluginDiscoveryErrorsTest.class.getClassLoader());
  }

  private UserFacingException discoverFails(Path... jars) throws IOException {
    try (URLClassLoader loader = loader(jars)) {
      return assertThrows(UserFacingException.class, () -> PluginRegistry.discover(loader));
    }
  }

  @Test
  void aWorkingListingIsDiscovered() throws IOException {
    try (URLClassLoader loader = loader(jarListing("good.jar", Working.class.getName()))) {
      PluginRegistry registry = PluginRegistry.discover(loader);
      assertEquals(Working.class, registry.get(StageKind.EVALUATE, "working-metric").getClass());
    }
  }

  @Test
  void aListedClassMissingFromTheJarNamesTheJarAndTheClass() throws IOException {
    UserFacingException e =
        discoverFails(jarListing("lab-metrics.jar", "org.example.lab.GoneProvider"));
    assertTrue(e.getMessage().contains("lab-metrics.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("org.example.lab.GoneProvider"), e.getMessage());
    assertTrue(e.getMessage().contains("the class is not in the jar"), e.getMessage());
    assertFalse(e.getMessage().contains("ServiceConfigurationError"), e.getMessage());
  }

  @Test
  void aThrowingConstructorNamesTheJarAndTheReason() throws IOException {
    UserFacingException e =
        discoverFails(jarListing("lab-licensed.jar", ThrowingConstructor.class.getName()));
    assertTrue(e.getMessage().contains("lab-licensed.jar"), e.getMessage());
    assertTrue(e.getMessage().contains(ThrowingConstructor.class.getName()), e.getMessage());
    assertTrue(
        e.getMessage().contains("its constructor failed (licence file lab.key not found)"),
        e.getMessage());
    assertFalse(
        e.getMessage().contains("IllegalStateException"),
        "no exception class names: " + e.getMessage());
  }

  @Test
  void aThrowingIdNamesTheProviderAndTheReason() throws IOException {
    UserFacingException e = discoverFails(jarListing("lab-ids.jar", ThrowingId.class.getName()));
    assertTrue(e.getMessage().contains(ThrowingId.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("id table not loaded"), e.getMessage());
  }

  @Test
  void aClassThatIsNoProviderIsReported() throws IOException {
    UserFacingException e = discoverFails(jarListing("lab-wrong.jar", Window.class.getName()));
    assertTrue(e.getMessage().contains("lab-wrong.jar"), e.getMessage());
    assertTrue(e.getMessage().contains(Window.class.getName()), e.getMessage());
    assertTrue(
        e.getMessage().contains("does not implement " + PluginProvider.class.getName()),
        e.getMessage());
  }

  @Test
  void aProviderWithoutAPublicNoArgumentConstructorIsReported() throws IOException {
    UserFacingException e =
        discoverFails(jarListing("lab-ctor.jar", NoDefaultConstructor.class.getName()));
    assertTrue(e.getMessage().contains("lab-ctor.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("no public constructor without arguments"), e.getMessage());
  }

  @Test
  void twoProvidersWithOneIdAreADuplicateNamingBoth() throws IOException {
    UserFacingException e =
        discoverFails(
            jarListing("a.jar", Working.class.getName()),
            jarListing("b.jar", SameId.class.getName()));
    assertTrue(e.getMessage().contains("duplicate plugin id 'working-metric'"), e.getMessage());
    assertTrue(
        e.getMessage().contains(Working.class.getName())
            && e.getMessage().contains(SameId.class.getName()),
        e.getMessage());
  }

  @Test
  void oneProviderListedByTwoJarsNamesBothJars() throws IOException {
    UserFacingException e =
        discoverFails(
            jarListing("lab-1.0.jar", Working.class.getName()),
            jarListing("lab-1.1.jar", Working.class.getName()));
    assertTrue(
        e.getMessage().contains("lab-1.0.jar") && e.getMessage().contains("lab-1.1.jar"),
        e.getMessage());
  }

  @Test
  void aMissingDependencyIsNamedAsAMissingClass() {
    String reason =
        PluginRegistry.reason(
            new ServiceConfigurationError("x", new NoClassDefFoundError("org/example/lab/Helper")));
    assertTrue(reason.contains("it needs class org.example.lab.Helper"), reason);
  }

  @Test
  void locationOfAJarListing() throws IOException {
    Path jar = jarListing("where.jar", Working.class.getName());
    URL inJar = new URL("jar:" + jar.toUri() + "!/META-INF/services/x");
    assertEquals(jar, PluginLocation.containing(inJar, "META-INF/services/x").orElseThrow());
    Path folder = dir.resolve("classes");
    URL inFolder = folder.resolve("META-INF/services/x").toUri().toURL();
    assertEquals(folder, PluginLocation.containing(inFolder, "META-INF/services/x").orElseThrow());
    assertTrue(
        PluginLocation.of(PluginDiscoveryErrorsTest.class).isPresent(),
        "test classes come from a folder");
  }
}
