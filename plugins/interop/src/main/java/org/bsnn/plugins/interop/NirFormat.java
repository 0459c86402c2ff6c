package org.bsnn.plugins.interop;

import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNetworkFormat;

/**
 * NIR (the Neuromorphic Intermediate Representation) files for {@code bsnn export-nir} and for
 * reading them back: {@link NirExporter} and {@link NirImporter} over {@link NirFile}.
 */
public final class NirFormat implements SpikingNetworkFormat {

  @Override
  public String format() {
    return "nir";
  }

  @Override
  public List<String> extensions() {
    return List.of(".nir");
  }

  @Override
  public void write(SpikingNetwork network, Path file) {
    NirFile.write(NirExporter.export(network), file);
  }

  @Override
  public SpikingNetwork read(Path file, boolean binary) {
    return NirImporter.toNetwork(file, NirFile.read(file), binary);
  }
}
