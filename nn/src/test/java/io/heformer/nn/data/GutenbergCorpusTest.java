package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the Gutenberg books with their encoding and line-ending quirks. */
class GutenbergCorpusTest {
  private final Path root = DataRoot.resolve();

  @Test
  void listsThirteenBooksAndHoldsOneOut() throws Exception {
    assertEquals(13, GutenbergCorpus.books(root).size());
    assertEquals(12, GutenbergCorpus.trainingBooks(root).size());
    List<Path> held = GutenbergCorpus.heldOutBooks(root);
    assertEquals(1, held.size());
    assertEquals(GutenbergCorpus.HELD_OUT_BOOK, held.get(0).getFileName().toString());
  }

  @Test
  void decodesLatin1BooksAndCrlf() throws Exception {
    Path dir = root.resolve(GutenbergCorpus.FOLDER);
    String caesar = GutenbergCorpus.readBook(dir.resolve("shakespeare-caesar.txt"));
    assertTrue(caesar.indexOf('\u00e6') >= 0, "the Latin-1 byte 0xE6 decodes to ae ligature");
    assertFalse(caesar.indexOf('\uFFFD') >= 0);
    String moby = GutenbergCorpus.readBook(dir.resolve("melville-moby_dick.txt"));
    assertFalse(moby.indexOf('\r') >= 0);
    List<String> paragraphs = GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(dir.resolve("austen-emma.txt")));
    assertEquals("[Emma by Jane Austen 1816]", paragraphs.get(0));
    assertTrue(paragraphs.get(3).startsWith("Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy"),
        paragraphs.get(3));
  }

  @Test
  void paragraphsSplitAtBlankLines() {
    assertEquals(List.of("a b", "c"), GutenbergCorpus.paragraphs("\n a\nb \n\n\n c\n"));
  }
}
