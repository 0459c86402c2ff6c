package org.bsnn.api.snn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Writes a converted {@link SpikingNetwork} to a file another tool reads, and reads such a file
 * back, e.g. NIR (the Neuromorphic Intermediate Representation). Implementations live in plugin
 * modules and are found with {@link ServiceLoader} ({@code
 * META-INF/services/org.bsnn.api.snn.SpikingNetworkFormat}), so the command line exports without
 * knowing any plugin class.
 */
public interface SpikingNetworkFormat {

  /** The format's name, e.g. "nir". */
  String format();

  /** The file-name endings of this format, lower case with the dot, e.g. ".nir". */
  List<String> extensions();

  /**
   * Writes {@code network} to {@code file} atomically (a temporary file renamed into place), so a
   * refused or failed write leaves nothing behind.
   *
   * @throws org.bsnn.api.util.UserFacingException naming the node when the format cannot express
   *     the network faithfully, or when the file cannot be written
   */
  void write(SpikingNetwork network, Path file);

  /**
   * Reads {@code file} into a network every simulator runs.
   *
   * @param binary recognise layers whose weights per output are exactly ±alpha as binary weights
   * @throws org.bsnn.api.util.UserFacingException naming the file (and node) when the file is not
   *     valid or holds something the workbench cannot simulate faithfully
   */
  SpikingNetwork read(Path file, boolean binary);

  /** The formats visible to {@code loader}, in discovery order. */
  static List<SpikingNetworkFormat> discover(ClassLoader loader) {
    List<SpikingNetworkFormat> out = new ArrayList<>();
    ServiceLoader.load(SpikingNetworkFormat.class, loader).forEach(out::add);
    return out;
  }
}
