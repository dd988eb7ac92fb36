/**
 * Training loops over abstract data: fine-tuning on labelled {@link io.heformer.nn.train.Example}s
 * (classification or regression), masked-language-model pretraining on token sequences, conversion of a pretrained encoder to
 * another architecture by hidden-state distillation ({@link io.heformer.nn.train.HiddenStateDistiller}), and
 * synthetic tasks for tests and benchmarks. The GLUE readers and tokenizer produce Examples; this
 * package does not know about files or text.
 */
package io.heformer.nn.train;
