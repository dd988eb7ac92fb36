/**
 * Data sets: the GLUE tasks shipped in the project's read-only data folder and the Gutenberg
 * corpus for masked-language-model pretraining.
 *
 * <p>{@link io.heformer.nn.data.DataRoot} finds the data folder (system property
 * {@code heformer.data}, environment {@code HEFORMER_DATA}, else {@code shared/data} next to
 * or above the working directory). {@link io.heformer.nn.data.GlueReader} reads CoLA, SST-2,
 * MRPC, RTE and STS-B (Wang et al., 2018) exactly as the GLUE loaders do: rows split on TAB only,
 * no CSV quoting, header and BOM handled, column and row counts validated against the data
 * README. {@link io.heformer.nn.data.GlueEncoder} turns examples into fixed-length
 * {@link io.heformer.nn.data.EncodedExample}s for the model.
 *
 * <p>For pretraining, {@link io.heformer.nn.data.GutenbergCorpus} reads the books (the data
 * folder ships Gutenberg in place of WikiText), {@link io.heformer.nn.data.MlmSequencePacker}
 * packs their token streams into {@code [CLS] ... [SEP]} sequences, and
 * {@link io.heformer.nn.data.MlmMasker} applies BERT's masking (Devlin et al., 2019: 15% of the
 * tokens are predicted; of those 80% become [MASK], 10% a random token, 10% stay).
 */
package io.heformer.nn.data;
