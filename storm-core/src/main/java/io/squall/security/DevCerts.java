package io.squall.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code bin/squall dev-certs DIR}: a development certificate authority and one certificate, signed by it, that
 * every daemon and worker of a test cluster presents (EC P-256, valid a year, for {@code localhost},
 * {@code 127.0.0.1} and the host names given), as the PEM files {@code squall.tls.*} name, plus a cluster secret
 * if DIR has none. Keys are written readable by their owner only. For development and tests; a production
 * cluster uses certificates from its own CA.
 */
public final class DevCerts {
    /** The files written, by name. */
    public static final String CA = "ca.pem";
    /** The CA's private key; keep it to sign more certificates, or delete it. */
    public static final String CA_KEY = "ca-key.pem";
    /** The certificate chain every daemon and worker presents. */
    public static final String CERT = "squall.pem";
    /** Its private key, PKCS#8. */
    public static final String KEY = "squall-key.pem";
    /** A cluster secret, written if absent. */
    public static final String SECRET = "cluster.secret";

    private DevCerts() {
    }

    /**
     * Writes the files into {@code dir}.
     *
     * @param hosts more host names or addresses the certificate is for
     * @return the files written
     */
    public static List<Path> write(Path dir, List<String> hosts) throws IOException {
        Files.createDirectories(dir);
        try {
            KeyPair caKeys = newKeyPair();
            KeyPair keys = newKeyPair();
            X500Name caName = new X500Name("CN=Squall development CA");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), caName,
                    caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509CertificateHolder caCert = ca.build(signer(caKeys));

            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))),
                    new X500Name("CN=squall"), keys.getPublic());
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment));
            leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            leaf.addExtension(Extension.subjectAlternativeName, false, names(hosts));
            X509CertificateHolder cert = leaf.build(signer(caKeys));

            List<Path> written = new ArrayList<>();
            written.add(writePem(dir.resolve(CA), pem(new PemObject("CERTIFICATE", caCert.getEncoded())), false));
            written.add(writePem(dir.resolve(CA_KEY), pem(new PemObject("PRIVATE KEY",
                    caKeys.getPrivate().getEncoded())), true));
            written.add(writePem(dir.resolve(CERT), pem(new PemObject("CERTIFICATE", cert.getEncoded()))
                    + pem(new PemObject("CERTIFICATE", caCert.getEncoded())), false));
            written.add(writePem(dir.resolve(KEY), pem(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded())),
                    true));
            Path secret = dir.resolve(SECRET);
            if (!Files.exists(secret)) {
                written.add(writePem(secret, ClusterSecret.generate() + "\n", true));
            }
            return written;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make development certificates: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }

    private static org.bouncycastle.operator.ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static GeneralNames names(List<String> hosts) {
        Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        all.addAll(hosts);
        List<GeneralName> names = new ArrayList<>();
        for (String h : all) {
            names.add(isAddress(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static boolean isAddress(String h) {
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(h);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String pem(PemObject o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static Path writePem(Path file, String content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions protect the key.
            }
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
