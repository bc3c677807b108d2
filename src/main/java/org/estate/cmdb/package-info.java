/**
 * The CMDB: configuration items of every class with typed attributes, the dependency graph
 * between them, impact analysis on that graph, and CSV import and export.
 *
 * <p>Uses {@code platform} only (audit log, errors, paging, home page panel). Every later module
 * asks this one "what is this CI, and what stops working when it fails?".
 */
@org.springframework.modulith.ApplicationModule(displayName = "CMDB")
package org.estate.cmdb;
