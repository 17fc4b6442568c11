package io.squall;

import java.util.Map;

/**
 * A spout or bolt that is told its topology's credentials (Storm's): before its {@code open} or {@code prepare}, with
 * those it was submitted with ({@code SubmitOptions.set_creds}, empty when none), and again on its executor's thread
 * each time new ones are pushed ({@code SquallSubmitter.pushCredentials}, {@code bin/squall upload-credentials}).
 */
public interface ICredentialsListener {
    /**
     * Called when the credentials of the topology have changed.
     *
     * @param credentials the new credentials, could be null
     */
    void setCredentials(Map<String, String> credentials);
}
