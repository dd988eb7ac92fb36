package io.heformer.nn.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learns a WordPiece vocabulary of a chosen size from a corpus, for models pretrained from
 * scratch.
 *
 * <p>Method (frequency-ranked pair merges, as byte-pair encoding, Sennrich et al. 2016, with
 * WordPiece's marking; the Hugging Face WordPiece trainer works the same way): split the corpus
 * into words with {@link BasicTokenizer} and count them; start from the characters, each both as
 * a word-initial piece {@code c} and as a continuation {@code ##c}; spell every word as its first
 * character followed by continuations; then repeatedly merge the adjacent pair of pieces with the
 * largest corpus frequency (ties broken by the pair's piece ids, so training is deterministic)
 * into a new piece ({@code a} + {@code ##b} gives {@code ab}, {@code ##a} + {@code ##b} gives
 * {@code ##ab}), until the vocabulary has the requested size or no pair occurs
 * {@code minPairFrequency} times.
 *
 * <p>The result lists the five special tokens first (ids 0..4: [PAD], [UNK], [CLS], [SEP],
 * [MASK]), then the characters in code-point order, then the merged pieces in merge order. Every
 * word made of characters seen in training therefore tokenizes without [UNK].
 *
 * <p>Pair counts are updated incrementally (only words containing the merged pair are re-read)
 * and the best pair comes from a priority queue with lazy deletion, so training a 8k vocabulary
 * on the 6 MB Gutenberg corpus takes seconds. Stateless and thread safe.
 */
public final class WordPieceTrainer {
  private WordPieceTrainer() {}

  /**
   * Trains a vocabulary.
   *
   * @param texts the corpus, in pieces of any size (lines, paragraphs, books)
   * @param vocabSize number of tokens wanted, specials and characters included
   * @param minPairFrequency stop early when the best pair occurs fewer times than this (>= 1)
   * @param options the basic tokenizer switches the vocabulary will be used with
   * @throws IllegalArgumentException if {@code vocabSize} cannot hold the specials and the
   *     alphabet, or {@code minPairFrequency < 1}
   */
  public static Vocabulary train(
      Iterable<String> texts, int vocabSize, int minPairFrequency, BasicTokenizerOptions options) {
    if (minPairFrequency < 1) {
      throw new IllegalArgumentException("minPairFrequency must be >= 1, got " + minPairFrequency);
    }
    BasicTokenizer basic = new BasicTokenizer(options);
    Map<String, long[]> wordCounts = new HashMap<>();
    for (String text : texts) {
      for (String w : basic.tokenize(text)) {
        wordCounts.computeIfAbsent(w, k -> new long[1])[0]++;
      }
    }
    return new Merger(wordCounts, vocabSize, minPairFrequency).run();
  }

  /** The mutable state of one training run. */
  private static final class Merger {
    private final List<String> pieces = new ArrayList<>();
    private final Map<String, Integer> pieceIds = new HashMap<>();
    private final int[][] words;
    private final int[] lengths;
    private final long[] counts;
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
    private final PriorityQueue<long[]> queue =
        new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
    private final int vocabSize;
    private final int minPairFrequency;

    Merger(Map<String, long[]> wordCounts, int vocabSize, int minPairFrequency) {
      this.vocabSize = vocabSize;
      this.minPairFrequency = minPairFrequency;
      for (String s : Vocabulary.SPECIAL_TOKENS) {
        addPiece(s);
      }
      TreeSet<Integer> alphabet = new TreeSet<>();
      for (String w : wordCounts.keySet()) {
        w.codePoints().forEach(alphabet::add);
      }
      for (int cp : alphabet) {
        addPiece(Character.toString(cp));
      }
      for (int cp : alphabet) {
        addPiece(Vocabulary.CONTINUATION_PREFIX + Character.toString(cp));
      }
      if (pieces.size() > vocabSize) {
        throw new IllegalArgumentException(
            "vocabSize " + vocabSize + " is smaller than the " + Vocabulary.SPECIAL_TOKENS.size()
                + " special tokens plus 2 x " + alphabet.size() + " characters");
      }
      List<String> sortedWords = new ArrayList<>(wordCounts.keySet());
      sortedWords.sort(null);
      words = new int[sortedWords.size()][];
      lengths = new int[sortedWords.size()];
      counts = new long[sortedWords.size()];
      for (int w = 0; w < words.length; w++) {
        String word = sortedWords.get(w);
        int[] cps = word.codePoints().toArray();
        int[] seq = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
          String piece = Character.toString(cps[i]);
          seq[i] = pieceIds.get(i == 0 ? piece : Vocabulary.CONTINUATION_PREFIX + piece);
        }
        words[w] = seq;
        lengths[w] = seq.length;
        counts[w] = wordCounts.get(word)[0];
        addPairs(w, +1);
      }
      for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
        queue.add(new long[] {e.getValue(), e.getKey()});
      }
    }

    private int addPiece(String piece) {
      Integer existing = pieceIds.get(piece);
      if (existing != null) {
        return existing;
      }
      pieces.add(piece);
      pieceIds.put(piece, pieces.size() - 1);
      return pieces.size() - 1;
    }

    private static long key(int left, int right) {
      return (long) left << 32 | (right & 0xFFFF_FFFFL);
    }

    /** Adds (sign +1) or removes (sign -1) the adjacent pairs of word {@code w}. */
    private void addPairs(int w, int sign) {
      int[] seq = words[w];
      for (int i = 0; i + 1 < lengths[w]; i++) {
        long k = key(seq[i], seq[i + 1]);
        long c = pairCounts.getOrDefault(k, 0L) + sign * counts[w];
        if (c == 0) {
          pairCounts.remove(k);
        } else {
          pairCounts.put(k, c);
        }
        if (sign > 0) {
          pairWords.computeIfAbsent(k, x -> new HashSet<>()).add(w);
        }
      }
    }

    Vocabulary run() {
      while (pieces.size() < vocabSize && !queue.isEmpty()) {
        long[] top = queue.poll();
        long k = top[1];
        long current = pairCounts.getOrDefault(k, 0L);
        if (current != top[0]) {
          continue;
        }
        if (current < minPairFrequency) {
          break;
        }
        int left = (int) (k >>> 32);
        int right = (int) k;
        String right0 = pieces.get(right);
        String piece = pieces.get(left) + right0.substring(Vocabulary.CONTINUATION_PREFIX.length());
        int id = addPiece(piece);
        Set<Integer> touched = pairWords.remove(k);
        Set<Long> changed = new HashSet<>();
        for (int w : new TreeSet<>(touched)) {
          addPairs(w, -1);
          mergeInWord(w, left, right, id);
          addPairs(w, +1);
          int[] seq = words[w];
          for (int i = 0; i + 1 < lengths[w]; i++) {
            changed.add(key(seq[i], seq[i + 1]));
          }
        }
        pairCounts.remove(k);
        for (long c : changed) {
          Long n = pairCounts.get(c);
          if (n != null) {
            queue.add(new long[] {n, c});
          }
        }
      }
      return new Vocabulary(pieces);
    }

    private void mergeInWord(int w, int left, int right, int id) {
      int[] seq = words[w];
      int out = 0;
      for (int i = 0; i < lengths[w]; i++) {
        if (i + 1 < lengths[w] && seq[i] == left && seq[i + 1] == right) {
          seq[out++] = id;
          i++;
        } else {
          seq[out++] = seq[i];
        }
      }
      lengths[w] = out;
    }
  }
}
