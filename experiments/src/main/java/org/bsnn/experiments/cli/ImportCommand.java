package org.bsnn.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.network.NetworkImporter;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bsnn import MODEL --out DIR}: reads a network saved by another framework (by the file's
 * ending, e.g. {@code .onnx}) with a {@link NetworkImporter} found on the plugin path, and writes
 * it as an IR directory ({@link NetworkIO}: assembled aside and renamed into place, so a failed
 * import writes nothing).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a trained network (ONNX) into an IR directory (network.json + tensors/) that "
            + "`train: checkpoint` and NetworkIO read.")
public final class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file, e.g. net.onnx.")
  Path model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The IR directory to write; must not exist unless --force.")
  Path out;

  @Option(
      names = "--full-precision",
      description =
          "Keep every layer full precision (by default, layers whose weights per output are exactly "
              + "+alpha or -alpha are imported as binary weights).")
  boolean fullPrecision;

  @Option(names = "--force", description = "Replace a network saved in DIR before.")
  boolean force;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<NetworkImporter> importers = NetworkImporter.discover(BsnnCli.of(spec).pluginLoader());
    String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
    NetworkImporter importer =
        importers.stream()
            .filter(i -> i.extensions().stream().anyMatch(name::endsWith))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserFacingException(
                        model
                            + ": no importer reads this kind of file; known endings: "
                            + importers.stream().flatMap(i -> i.extensions().stream()).toList()));
    if (Files.exists(out) && !force) {
      throw new UserFacingException(
          out
              + " already exists; choose a new --out directory, or add --force to replace a saved network");
    }
    Network net = importer.read(model, !fullPrecision);
    NetworkIO.save(net, out);
    long binary =
        net.weightedNodes().stream()
            .map(Node::layer)
            .filter(l -> l.asWeighted().orElseThrow().weights().isBinary())
            .count();
    spec.commandLine()
        .getOut()
        .println(
            "imported "
                + model
                + " ("
                + importer.format()
                + "): "
                + net.nodes().size()
                + " nodes, "
                + net.weightedNodes().size()
                + " weighted ("
                + binary
                + " binary), written to "
                + out.toAbsolutePath().normalize());
    return 0;
  }
}
