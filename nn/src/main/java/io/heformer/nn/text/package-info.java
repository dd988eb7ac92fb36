/**
 * Text to token ids: the BERT WordPiece tokenizer and a WordPiece vocabulary trainer.
 *
 * <p>{@link io.heformer.nn.text.BasicTokenizer} cleans and splits text the way the original
 * BERT code does (Devlin et al., 2019, {@code tokenization.py}): control characters dropped,
 * whitespace normalised, CJK ideographs isolated, lower-casing and accent stripping (NFD, then
 * drop non-spacing marks), punctuation split off. {@link io.heformer.nn.text.WordPieceTokenizer}
 * then splits each word by greedy longest match against a {@link io.heformer.nn.text.Vocabulary}
 * with {@code ##} continuation pieces (Wu et al., 2016, "Google's Neural Machine Translation
 * System"). {@link io.heformer.nn.text.BertTokenizer} joins both and encodes one sentence or a
 * sentence pair into fixed-length id, attention-mask and token-type arrays
 * ({@link io.heformer.nn.text.EncodedInput}).
 *
 * <p>Vocabularies come from a Hugging Face {@code tokenizer.json}
 * ({@link io.heformer.nn.text.TokenizerJsonReader}; the pretrained MiniLM ships one), from a
 * BERT {@code vocab.txt}, or from {@link io.heformer.nn.text.WordPieceTrainer}, which learns a
 * vocabulary of a chosen size from a corpus by frequency-ranked pair merges (Sennrich et al.,
 * 2016, byte-pair encoding, with WordPiece's {@code ##} marking).
 */
package io.heformer.nn.text;
