package org.bsnn.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  @TempDir Path dir;

  @Test
  void readsWantedEntries() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("package/a.json", "{\"data\": [1]}".getBytes(StandardCharsets.UTF_8));
    files.put("package/b.txt", new byte[700]);
    files.put("package/c.json", new byte[512]);
    Path tgz = dir.resolve("x.tgz");
    TarWriter.write(tgz, files);
    Map<String, byte[]> got = TarGz.read(tgz, n -> n.endsWith(".json"));
    assertEquals(2, got.size());
    assertArrayEquals(files.get("package/a.json"), got.get("package/a.json"));
    assertEquals(512, got.get("package/c.json").length);
  }

  @Test
  void truncatedArchiveIsAnError() throws Exception {
    Path tgz = dir.resolve("x.tgz");
    TarWriter.write(tgz, Map.of("package/a.json", new byte[5000]));
    byte[] b = Files.readAllBytes(tgz);
    Files.write(tgz, java.util.Arrays.copyOf(b, b.length / 2));
    assertThrows(DataUnavailableException.class, () -> TarGz.read(tgz, n -> true));
  }
}
