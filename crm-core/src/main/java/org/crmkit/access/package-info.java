/**
 * Who may see and change what: the {@link org.crmkit.access.AccessPolicy} port a host plugs into the Crm, the
 * default {@link org.crmkit.access.AccessPolicy#permitAll()} and the ready
 * {@link org.crmkit.access.OwnerAccessPolicy} over a host's {@link org.crmkit.access.TeamDirectory}.
 * See docs/SECURITY.md.
 */
package org.crmkit.access;
