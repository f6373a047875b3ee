/**
 * Storage for crmkit in a relational database through Jakarta Persistence: {@link org.crmkit.jpa.JpaStorage}
 * implements every port of crm-core, {@link org.crmkit.jpa.CrmkitSchema} applies the SQL migrations shipped in
 * this jar, and {@link org.crmkit.jpa.HostTransactions} lets crmkit join a transaction the host owns.
 *
 * <p>Everything in this package is null-hostile: parameters must not be null unless documented otherwise, and
 * no method returns null. Only crmkit's own exceptions ({@code org.crmkit.shared}) leave it.
 */
package org.crmkit.jpa;
