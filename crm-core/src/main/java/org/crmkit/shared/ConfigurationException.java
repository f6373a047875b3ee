package org.crmkit.shared;

/** crmkit was configured in a way that cannot work (a pipeline without a won stage, a missing port, ...). */
public class ConfigurationException extends CrmException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
