/** heformer module `encrypted`: see DESIGN.md for what it owns. */
package io.heformer.encrypted;
