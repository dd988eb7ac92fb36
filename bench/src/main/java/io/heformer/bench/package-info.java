/** heformer module `bench`: see DESIGN.md for what it owns. */
package io.heformer.bench;
