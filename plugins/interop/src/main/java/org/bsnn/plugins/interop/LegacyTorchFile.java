package org.bsnn.plugins.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.interop.PyTorchStateDict.Storage;
import org.bsnn.plugins.interop.PyTorchStateDict.TorchUnpickler;

/**
 * Reads the legacy format of {@code torch.save} (before PyTorch 1.6, and later with {@code
 * _use_new_zipfile_serialization=False}), in which 2020-era checkpoints come: five pickles in a row
 * (the magic number, the protocol version 1001, system info, the state_dict with storages as
 * persistent ids, the sorted list of storage keys), then each storage in that order as a
 * little-endian int64 element count followed by its raw elements.
 */
final class LegacyTorchFile {

  private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final int PROTOCOL_VERSION = 1001;

  private LegacyTorchFile() {}

  static List<StateDictTensor> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserFacingException(file + ": cannot read (" + e.getMessage() + ")");
    }
    // every legacy file starts with pickle's PROTO opcode; anything else is not torch.save's
    if (all.length == 0 || (all[0] & 0xFF) != 0x80) {
      throw new UserFacingException(
          file + ": not a PyTorch checkpoint (no zip header); expected a torch.save state_dict");
    }
    ByteArrayInputStream in = new ByteArrayInputStream(all);
    try {
      if (!MAGIC.equals(integer(new BoundedUnpickler().load(in)))) {
        throw new UserFacingException(
            file + ": a pickle, but not a torch.save file (no PyTorch magic number)");
      }
      Object version = new BoundedUnpickler().load(in);
      if (!(version instanceof Number n) || n.intValue() != PROTOCOL_VERSION) {
        throw new UserFacingException(
            file
                + ": legacy PyTorch format version "
                + version
                + " is not read; re-save it with torch.save(sd, path) under torch >= 1.6");
      }
      // system info: byte order and type sizes of the saving machine
      new BoundedUnpickler().load(in);
      Map<String, Storage> pending = new HashMap<>();
      // the storages' bytes follow the pickles: allocate them now, fill them below
      Object root =
          new TorchUnpickler(
                  file,
                  (key, type, numel) -> {
                    Storage s =
                        new Storage(key, type, new byte[bytes(file, numel, type, all.length)]);
                    pending.put(key, s);
                    return s;
                  })
              .load(in);
      List<?> keys = (List<?>) new BoundedUnpickler().load(in);
      for (Object k : keys) {
        fill(file, in, pending.get(String.valueOf(k)), String.valueOf(k));
      }
      return PyTorchStateDict.tensors(file, root);
    } catch (PickleException | ClassCastException | IllegalArgumentException | IOException e) {
      throw new UserFacingException(
          file
              + ": not a readable legacy torch.save file ("
              + e.getMessage()
              + "); the file is truncated or corrupt");
    }
  }

  private static void fill(Path file, ByteArrayInputStream in, Storage storage, String key)
      throws IOException {
    byte[] count = in.readNBytes(Long.BYTES);
    if (storage == null || count.length < Long.BYTES) {
      throw new UserFacingException(
          file + ": storage " + key + " is missing or not used; the file is truncated or corrupt");
    }
    long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] bytes = storage.bytes();
    if (numel * storage.type().elementSize() != bytes.length
        || in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
      throw new UserFacingException(
          file
              + ": storage "
              + key
              + " does not hold the "
              + bytes.length / storage.type().elementSize()
              + " values its tensors use; the file is truncated or corrupt");
    }
  }

  /**
   * The byte size of a storage the pickle declares, checked before it is allocated: the storages'
   * bytes follow the pickles in the same file, so a storage larger than the whole file is corrupt
   * (and allocating the declared size first would exhaust the heap on a damaged header).
   */
  private static int bytes(
      Path file, long numel, PyTorchStateDict.StorageType type, long fileLength) {
    if (numel < 0 || numel > fileLength / type.elementSize()) {
      throw new UserFacingException(
          file
              + ": the pickle declares a storage of "
              + numel
              + " "
              + type.dtype()
              + " values, more than the whole file ("
              + fileLength
              + " bytes) holds; the file is truncated or corrupt");
    }
    return (int) (numel * type.elementSize());
  }

  private static BigInteger integer(Object o) {
    return o instanceof BigInteger b
        ? b
        : o instanceof Number n ? BigInteger.valueOf(n.longValue()) : BigInteger.ZERO;
  }
}
