package io.squall.thrift;

import io.squall.errors.SquallException;

/**
 * Storm's root exception for everything its clients throw (it is Thrift's, Storm's wire format): the errors of
 * Nimbus, DRPC and the blob store ({@code AlreadyAliveException}, {@code NotAliveException},
 * {@code InvalidTopologyException}, {@code AuthorizationException}, {@code KeyNotFoundException}, ...) extend it, so
 * Storm code that catches or declares {@code TException} ports as it is. Squall speaks HTTP rather than Thrift and
 * its exceptions are unchecked: a {@code catch (TException e)} compiles around any call and catches the same errors
 * it would on Storm, including a Nimbus that cannot be reached ({@link io.squall.thrift.transport.TTransportException}).
 */
public class TException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception with no message. */
    public TException() {
        super(null);
    }

    /** An exception whose message says what is wrong. */
    public TException(String message) {
        super(message);
    }

    /** An exception caused by {@code cause}, with its message. */
    public TException(Throwable cause) {
        super(cause == null ? null : cause.toString(), cause);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public TException(String message, Throwable cause) {
        super(message, cause);
    }
}
