package io.heformer.nn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pretraining corpus: the NLTK selection of Project Gutenberg books under
 * {@code corpus/gutenberg-nltk/} of the data folder (13 public-domain books, about 6 MB).
 *
 * <p>Decoding follows the data README: files are UTF-8 (11 are pure ASCII), but two contain
 * Latin-1 bytes, so a file that is not valid UTF-8 is decoded as ISO-8859-1; CRLF line endings
 * (Moby Dick) become LF. A book is split into paragraphs at blank lines, and the lines of a
 * paragraph are joined with spaces.
 *
 * <p>There is no official split. Held out: {@value #HELD_OUT_BOOK} (the README's suggestion);
 * every other book trains. Stateless and thread safe.
 */
public final class GutenbergCorpus {
  /** The corpus folder under the data root. */
  public static final String FOLDER = "corpus/gutenberg-nltk";
  /** The book kept out of pretraining for evaluation. */
  public static final String HELD_OUT_BOOK = "chesterton-thursday.txt";

  private GutenbergCorpus() {}

  /**
   * All books ({@code *.txt}), sorted by file name.
   *
   * @throws IOException if the folder cannot be listed (a missing folder names its path)
   */
  public static List<Path> books(Path dataRoot) throws IOException {
    Path dir = dataRoot.resolve(FOLDER);
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "Gutenberg corpus folder missing");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> books = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList());
      if (books.isEmpty()) {
        throw new IllegalArgumentException(dir + " holds no .txt books");
      }
      return books;
    }
  }

  /** The training books: all but {@link #HELD_OUT_BOOK}. */
  public static List<Path> trainingBooks(Path dataRoot) throws IOException {
    return books(dataRoot).stream().filter(p -> !isHeldOut(p)).toList();
  }

  /** The held-out book(s). */
  public static List<Path> heldOutBooks(Path dataRoot) throws IOException {
    return books(dataRoot).stream().filter(GutenbergCorpus::isHeldOut).toList();
  }

  private static boolean isHeldOut(Path p) {
    return p.getFileName().toString().equals(HELD_OUT_BOOK);
  }

  /**
   * The text of a book: UTF-8, or ISO-8859-1 if the bytes are not valid UTF-8; LF line endings.
   *
   * @throws IOException if reading fails
   */
  public static String readBook(Path book) throws IOException {
    byte[] bytes = Files.readAllBytes(book);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return text.replace("\r\n", "\n");
  }

  /** Paragraphs of a book's text: blocks between blank lines, lines joined by a space. */
  public static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty()) {
        if (!current.isEmpty()) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        if (!current.isEmpty()) {
          current.append(' ');
        }
        current.append(l);
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }
}
