package io.heformer.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heformer.nn.text.BasicTokenizerOptions;
import io.heformer.nn.text.BertTokenizer;
import io.heformer.nn.text.Vocabulary;
import io.heformer.nn.text.WordPieceTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A WordPiece vocabulary learned on Gutenberg books covers a held-out book compactly. */
class CorpusVocabularyTest {

  @Test
  void vocabularyFromTrainingBooksTokenizesTheHeldOutBook() throws Exception {
    Path root = DataRoot.resolve();
    List<String> train = new ArrayList<>();
    for (Path book : GutenbergCorpus.trainingBooks(root).subList(0, 3)) {
      train.addAll(GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(book)));
    }
    Vocabulary v = WordPieceTrainer.train(train, 3000, 2, BasicTokenizerOptions.uncased());
    assertEquals(3000, v.size());
    BertTokenizer tok = BertTokenizer.uncased(v);
    long words = 0;
    long pieces = 0;
    long unknown = 0;
    for (Path book : GutenbergCorpus.heldOutBooks(root)) {
      for (String p : GutenbergCorpus.paragraphs(GutenbergCorpus.readBook(book))) {
        words += tok.basicTokenizer().tokenize(p).size();
        for (int id : tok.tokenIds(p)) {
          pieces++;
          unknown += id == v.unkId() ? 1 : 0;
        }
      }
    }
    // Unknowns only for characters never seen in training; word pieces per word stays small.
    assertTrue(unknown < words / 1000, unknown + " [UNK] in " + words + " words");
    double piecesPerWord = (double) pieces / words;
    assertTrue(piecesPerWord > 1.0 && piecesPerWord < 1.4, "pieces per word " + piecesPerWord);
  }
}
