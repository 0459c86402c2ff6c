package org.bsnn.api.network;

import org.bsnn.api.util.UserFacingException;

/** A plugin met a layer it cannot handle; the message names the node and its type. */
public class UnsupportedLayerException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code node}. */
  public UnsupportedLayerException(Node node, String plugin, String why) {
    super(
        plugin + " cannot handle node '" + node.name() + "' (" + node.layer().type() + "): " + why);
  }
}
