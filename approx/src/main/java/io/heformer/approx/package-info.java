/** heformer module `approx`: see DESIGN.md for what it owns. */
package io.heformer.approx;
