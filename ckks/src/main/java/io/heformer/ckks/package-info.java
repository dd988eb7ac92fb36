/** heformer module `ckks`: see DESIGN.md for what it owns. */
package io.heformer.ckks;
