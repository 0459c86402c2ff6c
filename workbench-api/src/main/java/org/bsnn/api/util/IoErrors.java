package org.bsnn.api.util;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Describes an I/O error in words a user can act on. The JDK's file-system exceptions carry only a
 * path as their message ({@code AccessDeniedException: /x}), and their class name says what went
 * wrong; messages built with {@code e.toString()} then show class names, and with {@code
 * e.getMessage()} lose the reason.
 */
public final class IoErrors {

  private IoErrors() {}

  /** The reason and the file concerned, e.g. "permission denied: /results/runs". */
  public static String describe(IOException e) {
    return switch (e) {
      case AccessDeniedException a -> "permission denied: " + files(a);
      case NoSuchFileException n -> "not found: " + files(n);
      case NotDirectoryException n -> "not a directory: " + files(n);
      case FileAlreadyExistsException f -> "already exists: " + files(f);
      case DirectoryNotEmptyException d -> "directory not empty: " + files(d);
      case FileSystemException f ->
          (f.getReason() != null ? lower(f.getReason()) : "file-system error") + ": " + files(f);
      case CharacterCodingException c -> "not UTF-8 text";
      default -> e.getMessage() != null ? e.getMessage() : "input/output error";
    };
  }

  private static String files(FileSystemException e) {
    String file = e.getFile() != null ? e.getFile() : "?";
    return e.getOtherFile() != null ? file + " -> " + e.getOtherFile() : file;
  }

  private static String lower(String reason) {
    return reason.isEmpty()
        ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }
}
