package io.squall.security;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PEM files of a TLS setup ({@code squall.tls.cert}, {@code squall.tls.key}, {@code squall.tls.ca}): this
 * machine's certificate chain, its PKCS#8 private key and the certificate authority every Squall certificate is
 * signed by. Servers present the certificate; clients trust the CA; between workers both sides present theirs and
 * check the other's (mutual TLS). {@code bin/squall dev-certs} makes a development set. Immutable.
 *
 * <p>Netty's contexts use BoringSSL ({@code netty-tcnative-boringssl-static}) when its native library loads, as
 * its engine costs a fraction of the JDK's per TLS record; where it cannot load (another OS or CPU, a locked-down
 * temp directory) they fall back to the JDK's engine and say so once in the log. {@code squall.tls.provider: jdk}
 * asks for the JDK's engine outright.
 *
 * @param cert     the certificate chain, PEM
 * @param key      the private key, PKCS#8 PEM
 * @param ca       the CA certificate(s) to trust, PEM
 * @param provider the TLS engine Netty's contexts should use
 */
public record TlsFiles(Path cert, Path key, Path ca, Provider provider) {
    private static final Logger LOG = LoggerFactory.getLogger(TlsFiles.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    /** The TLS engine of Netty's contexts ({@code squall.tls.provider}). */
    public enum Provider {
        /** BoringSSL through netty-tcnative, or the JDK's engine when the native library does not load. */
        OPENSSL,
        /** The JDK's SSLEngine. */
        JDK;

        /**
         * The provider named {@code name} ({@code openssl} or {@code jdk}, any case); null is {@link #OPENSSL}.
         *
         * @throws SecurityConfigException naming the value and the choices
         */
        public static Provider of(String name) {
            if (name == null || name.isBlank()) {
                return OPENSSL;
            }
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SecurityConfigException("squall.tls.provider must be openssl or jdk, got '" + name + "'");
            }
        }
    }

    /**
     * Checks that the files are readable.
     *
     * @throws SecurityConfigException naming the file and the key it comes from
     */
    public TlsFiles {
        require(cert, "squall.tls.cert");
        require(key, "squall.tls.key");
        require(ca, "squall.tls.ca");
        if (provider == null) {
            provider = Provider.OPENSSL;
        }
    }

    /** The files, used with the default provider ({@link Provider#OPENSSL}, falling back to the JDK's). */
    public TlsFiles(Path cert, Path key, Path ca) {
        this(cert, key, ca, Provider.OPENSSL);
    }

    /**
     * The Netty provider these files are used with: OpenSSL if asked for and its native library loads, else the
     * JDK's (the first fallback is logged with the reason, once per JVM).
     */
    public SslProvider nettyProvider() {
        if (provider == Provider.JDK) {
            return SslProvider.JDK;
        }
        if (OpenSsl.isAvailable()) {
            return SslProvider.OPENSSL;
        }
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.warn("Netty's native OpenSSL (netty-tcnative-boringssl-static) does not load here ({}); TLS uses the "
                    + "JDK's engine, which costs more CPU per byte", OpenSsl.unavailabilityCause().toString());
        }
        return SslProvider.JDK;
    }

    private static void require(Path p, String keyName) {
        if (p == null) {
            throw new SecurityConfigException(keyName + " must be set when TLS is on: set squall.tls.cert, "
                    + "squall.tls.key and squall.tls.ca together (bin/squall dev-certs DIR makes them)");
        }
        if (!Files.isReadable(p)) {
            throw new SecurityConfigException("Cannot read " + p + " (" + keyName + ")");
        }
    }

    /**
     * How long a TLS handshake may take before the server closes the connection. Netty's default (10 s) is too short
     * for a client JVM just started on a busy machine, whose first handshake loads and warms the TLS classes.
     */
    public static final long HANDSHAKE_TIMEOUT_MS = 30_000;

    /** A server-side TLS handler of {@code ctx} for {@code ch}, with {@link #HANDSHAKE_TIMEOUT_MS}. */
    public static SslHandler serverHandler(SslContext ctx, Channel ch) {
        SslHandler h = ctx.newHandler(ch.alloc());
        h.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
        return h;
    }

    /** A Netty server context presenting this certificate; {@code mutual} also requires and checks the client's. */
    public SslContext nettyServer(boolean mutual) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(nettyProvider());
            if (mutual) {
                b.trustManager(ca.toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new SecurityConfigException("Cannot use TLS files " + cert + " and " + key + ": " + e.getMessage());
        }
    }

    /** A Netty client context that trusts the CA and presents this certificate (for mutual TLS). */
    public SslContext nettyClient() {
        try {
            return SslContextBuilder.forClient().sslProvider(nettyProvider()).trustManager(ca.toFile())
                    .keyManager(cert.toFile(), key.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new SecurityConfigException("Cannot use TLS files " + cert + ", " + key + " and " + ca + ": "
                    + e.getMessage());
        }
    }

    /** A JDK context for HTTPS clients ({@code java.net.http}) that trusts the CA. */
    public SSLContext jdkClient() {
        try (InputStream in = Files.newInputStream(ca)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new SecurityConfigException(ca + " (squall.tls.ca) holds no PEM certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new SecurityConfigException("Cannot read the CA certificate " + ca + " (squall.tls.ca): "
                    + e.getMessage());
        }
    }
}
