package org.bsnn.plugins.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.bsnn.api.util.UserFacingException;

/**
 * Reads a PyTorch state_dict as {@code torch.save(model.state_dict(), path)} writes it since
 * PyTorch 1.6: a zip holding {@code <name>/data.pkl} (a pickled {@code OrderedDict} of key to
 * tensor) and one file {@code <name>/data/<key>} per storage. Each tensor is pickled as {@code
 * torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} whose storage is a
 * persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}; the storage files
 * are raw little-endian values.
 *
 * <p>Only float32, contiguous tensors are read (what {@code state_dict()} of a float model holds);
 * batch norm's {@code num_batches_tracked} (an int64 step counter that eval mode never uses) is
 * left out of the list; a file that does not start as a zip is read as the legacy pre-1.6 format
 * ({@link LegacyTorchFile}). Anything else and damaged files are refused with a message naming the
 * file and, where there is one, the key.
 */
public final class PyTorchStateDict {

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /** The key suffix of batch norm's step counter, which {@link #read} leaves out. */
  static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

  /**
   * Keys under which training scripts keep the state_dict in a checkpoint dict (with the epoch, the
   * optimizer's state, the best accuracy), tried in this order.
   */
  private static final List<String> WRAPPER_KEYS =
      List.of("state_dict", "model_state_dict", "model", "net");

  /** PyTorch's storage classes and their element types; only float32 is read. */
  private static final List<StorageType> STORAGE_TYPES =
      List.of(
          new StorageType("FloatStorage", "float32", 4),
          new StorageType("DoubleStorage", "float64", 8),
          new StorageType("HalfStorage", "float16", 2),
          new StorageType("BFloat16Storage", "bfloat16", 2),
          new StorageType("LongStorage", "int64", 8),
          new StorageType("IntStorage", "int32", 4),
          new StorageType("ShortStorage", "int16", 2),
          new StorageType("CharStorage", "int8", 1),
          new StorageType("ByteStorage", "uint8", 1),
          new StorageType("BoolStorage", "bool", 1));

  static {
    // The pickle library keeps its constructors in one static table; these names are PyTorch's and
    // collections', so registering them cannot change how any other pickle is read.
    Unpickler.registerConstructor("collections", "OrderedDict", args -> new PickledDict());
    Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", PyTorchStateDict::rebuild);
    STORAGE_TYPES.forEach(t -> Unpickler.registerConstructor("torch", t.className(), t));
  }

  private PyTorchStateDict() {}

  /**
   * The file's tensors in the state_dict's order.
   *
   * @throws UserFacingException when the file is not a readable torch.save file (zip or legacy) of
   *     a state_dict of float32 contiguous tensors
   */
  public static List<StateDictTensor> read(Path file) {
    if (!isZip(file)) {
      return LegacyTorchFile.read(file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry pickle =
          zip.stream()
              .filter(e -> e.getName().equals("data.pkl") || e.getName().endsWith("/data.pkl"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserFacingException(
                          file
                              + ": a zip without data.pkl, so not a torch.save file; save the model "
                              + "with torch.save(model.state_dict(), path)"));
      String prefix =
          pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
      Object root;
      try (InputStream in = zip.getInputStream(pickle)) {
        // in memory, so that the unpickler knows how many bytes are left (data.pkl is small: the
        // tensors' bytes are separate entries)
        root =
            new TorchUnpickler(file, (key, type, numel) -> load(file, zip, prefix, key, type))
                .load(new java.io.ByteArrayInputStream(in.readAllBytes()));
      }
      return tensors(file, root);
    } catch (ZipException e) {
      throw new UserFacingException(
          file + ": not a readable zip (" + e.getMessage() + "); the file is truncated or corrupt");
    } catch (PickleException | ClassCastException | IllegalArgumentException e) {
      throw new UserFacingException(
          file + ": data.pkl is not a PyTorch state_dict pickle (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UserFacingException(
          file + ": cannot read (" + e.getMessage() + "); the file is truncated or corrupt");
    }
  }

  /** Whether the file starts as a zip does; the legacy format starts with a pickle instead. */
  private static boolean isZip(Path file) {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      throw new UserFacingException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return n == 4 && Arrays.equals(head, ZIP_MAGIC);
  }

  private static Storage load(Path file, ZipFile zip, String prefix, String key, StorageType type)
      throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "data/" + key);
    if (entry == null) {
      throw new UserFacingException(
          file + ": storage file " + prefix + "data/" + key + " is missing; the file is corrupt");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return new Storage(key, type, in.readAllBytes());
    }
  }

  /** The tensors of an unpickled state_dict, in its order. */
  static List<StateDictTensor> tensors(Path file, Object root) {
    if (!(root instanceof Map<?, ?> dict)) {
      throw new UserFacingException(
          file
              + ": holds a "
              + (root == null ? "None" : root.getClass().getSimpleName())
              + ", not a state_dict; save model.state_dict(), not the model");
    }
    for (String wrapper : WRAPPER_KEYS) {
      // a training checkpoint, {'epoch': ..., 'state_dict': model.state_dict(), ...}
      if (dict.get(wrapper) instanceof Map<?, ?> inner && !inner.isEmpty()) {
        dict = inner;
        break;
      }
    }
    List<StateDictTensor> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof PickledTensor t)) {
        throw new UserFacingException(
            file
                + ": entry '"
                + key
                + "' is not a tensor; expected a state_dict of tensors, or a checkpoint dict with "
                + "one under "
                + String.join(", ", WRAPPER_KEYS));
      }
      if (key.endsWith(NUM_BATCHES_TRACKED)) {
        // every BatchNorm2d of a float model saves this int64 counter next to its running
        // statistics; it is no parameter of the network, so it is skipped, not refused as int64
        continue;
      }
      out.add(t.toTensor(file, key));
    }
    return out;
  }

  private static Object rebuild(Object[] args) {
    if (args.length < 4 || !(args[0] instanceof Storage storage)) {
      throw new PickleException("_rebuild_tensor_v2 without a storage");
    }
    return new PickledTensor(
        storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
  }

  private static long[] longs(Object tuple) {
    Object[] items = (Object[]) tuple;
    long[] out = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = ((Number) items[i]).longValue();
    }
    return out;
  }

  /**
   * The pickled {@code OrderedDict}: insertion-ordered; it ignores the attributes PyTorch attaches
   * ({@code _metadata}, the modules' versions). Public only because the pickle library calls {@code
   * __setstate__} reflectively.
   */
  public static final class PickledDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    /** The attributes of the pickled OrderedDict; a state_dict's hold nothing the import needs. */
    public void __setstate__(HashMap<?, ?> state) {
      // only _metadata (module versions): nothing to keep
    }
  }

  /** A storage class such as {@code torch.FloatStorage}, standing for its element type. */
  record StorageType(String className, String dtype, int elementSize)
      implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + className + " is not called in a state_dict");
    }
  }

  /** A storage's bytes (little-endian elements) and element type. */
  record Storage(String key, StorageType type, byte[] bytes) {
    long numel() {
      return bytes.length / type.elementSize();
    }
  }

  /** Where a persistent id's storage comes from. */
  @FunctionalInterface
  interface StorageSource {
    Storage load(String key, StorageType type, long numel) throws IOException;
  }

  /** A tensor as pickled: a view into a storage. */
  record PickledTensor(Storage storage, long offset, long[] size, long[] stride) {

    StateDictTensor toTensor(Path file, String key) {
      String where = file + ": tensor '" + key + "'";
      if (!storage.type().dtype().equals("float32")) {
        throw new UserFacingException(
            where
                + " is "
                + storage.type().dtype()
                + "; only float32 tensors are read: convert with model.float() before saving");
      }
      if (size.length != stride.length) {
        throw new UserFacingException(
            where
                + " has size "
                + Arrays.toString(size)
                + " but stride "
                + Arrays.toString(stride)
                + " (one stride per dimension expected); the file is corrupt");
      }
      long count = 1;
      long expectedStride = 1;
      for (int d = size.length - 1; d >= 0; d--) {
        if (size[d] < 0 || (size[d] > 0 && count > Integer.MAX_VALUE / size[d])) {
          throw new UserFacingException(
              where
                  + " has size "
                  + Arrays.toString(size)
                  + ", which is negative or holds more than "
                  + Integer.MAX_VALUE
                  + " values; the file is corrupt");
        }
        if (size[d] != 1 && stride[d] != expectedStride) {
          throw new UserFacingException(
              where
                  + " is not contiguous (size "
                  + Arrays.toString(size)
                  + ", stride "
                  + Arrays.toString(stride)
                  + "); save {k: v.contiguous() for k, v in sd.items()} instead");
        }
        expectedStride *= size[d];
        count *= size[d];
      }
      // offset > numel - count, not offset + count > numel: a corrupt offset near Long.MAX_VALUE
      // would overflow the sum and pass
      if (offset < 0 || offset > storage.numel() - count) {
        throw new UserFacingException(
            where
                + " reads elements "
                + offset
                + ".."
                + (offset + count)
                + " of a storage of "
                + storage.numel()
                + "; the file is corrupt");
      }
      float[] values = new float[(int) count];
      ByteBuffer.wrap(storage.bytes())
          .order(ByteOrder.LITTLE_ENDIAN)
          .position((int) offset * Float.BYTES)
          .asFloatBuffer()
          .get(values);
      return new StateDictTensor(key, size, values);
    }
  }

  /**
   * Unpickles a state_dict, resolving the storages' persistent ids {@code ('storage', type, key,
   * location, numel, ...)} through a {@link StorageSource}; a storage several tensors share is
   * loaded once.
   */
  static final class TorchUnpickler extends BoundedUnpickler {
    private static final short SETITEMS = 'u';

    private final Path file;
    private final StorageSource source;
    private final Map<String, Storage> storages = new HashMap<>();

    TorchUnpickler(Path file, StorageSource source) {
      this.file = file;
      this.source = source;
    }

    /**
     * SETITEMS ({@code u}) as Python runs it: the library collects the items in a HashMap before
     * adding them, which would lose the state_dict's order, and the order is what the mapping uses.
     */
    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
      if (key != SETITEMS) {
        return super.dispatch(key);
      }
      List<Object> items = stack.pop_all_since_marker();
      @SuppressWarnings("unchecked")
      Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
      for (int i = 0; i + 1 < items.size(); i += 2) {
        dict.put(items.get(i), items.get(i + 1));
      }
      return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
      if (!(pid instanceof Object[] id)
          || id.length < 5
          || !"storage".equals(id[0])
          || !(id[1] instanceof StorageType type)) {
        throw new PickleException("unknown persistent id " + describe(pid));
      }
      String key = String.valueOf(id[2]);
      long numel = ((Number) id[4]).longValue();
      Storage storage = storages.get(key);
      if (storage == null) {
        try {
          storage = source.load(key, type, numel);
        } catch (IOException e) {
          throw new UserFacingException(
              file + ": cannot read storage " + key + " (" + e.getMessage() + "); corrupt file");
        }
        if (storage.bytes().length < numel * type.elementSize()) {
          throw new UserFacingException(
              file
                  + ": storage "
                  + key
                  + " holds "
                  + storage.bytes().length
                  + " bytes for "
                  + numel
                  + " "
                  + type.dtype()
                  + " values; the file is truncated or corrupt");
        }
        storages.put(key, storage);
      }
      return storage;
    }

    private static String describe(Object pid) {
      return pid instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(pid);
    }
  }
}
