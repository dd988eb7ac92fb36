/** heformer module `nn`: see DESIGN.md for what it owns. */
package io.heformer.nn;
