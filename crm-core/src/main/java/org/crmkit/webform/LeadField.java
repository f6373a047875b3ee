package org.crmkit.webform;

/** A standard field of a lead that a web form parameter can fill. Custom fields are named by their key instead. */
public enum LeadField {
  FIRST_NAME,
  LAST_NAME,
  COMPANY,
  TITLE,
  EMAIL,
  PHONE,
  WEBSITE,
  LEAD_SOURCE,
  INDUSTRY,
  DESCRIPTION
}
