/** heformer module `circuits`: see DESIGN.md for what it owns. */
package io.heformer.circuits;
