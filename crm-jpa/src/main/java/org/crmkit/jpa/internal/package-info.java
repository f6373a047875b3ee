/**
 * The JPA adapter's implementation: entities, mappers to and from the core's snapshots, repositories and units
 * of work. Not part of the public API; it may change in any release. Use {@link org.crmkit.jpa.JpaStorage}.
 */
package org.crmkit.jpa.internal;
