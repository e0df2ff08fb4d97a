package dev.distill.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection, for the load benchmarks: it
 * writes a POST and reads the status line, the headers it needs and the body, as wrk does. The
 * clients run on the server's cores, and with the JDK's {@code java.net.http.HttpClient} (its
 * selector thread, its futures) the same server answered 1570 requests/s at 64 clients against
 * 2501 with this one: the benchmark measured much of the client. Not thread-safe: one per client
 * thread.
 */
final class KeepAliveClient implements AutoCloseable {
    private static final int TIMEOUT_MS = 30_000;

    private final InetSocketAddress address;
    private final byte[] head; // "POST path HTTP/1.1\r\nHost..\r\nContent-Length: "
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[4096];
    private int bodyLength;

    KeepAliveClient(InetSocketAddress address, String path) {
        this.address = address;
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one request on the open connection (opening it first if needed) and reads the answer.
     *
     * @return the status code; the body is then {@link #body()}
     * @throws IOException when the connection fails; the next call opens a new one
     */
    int post(byte[] json) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            byte[] length = (json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + json.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(json, 0, request, head.length + length.length, json.length);
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** @return the body of the last answer, as text */
    String body() {
        return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.connect(address, TIMEOUT_MS);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int contentLength = -1;
        boolean closing = false;
        for (String line; !(line = readLine()).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closing = true;
            }
        }
        if (contentLength < 0) {
            throw new IOException("the answer has no Content-Length; this client reads only fixed-length bodies");
        }
        if (body.length < contentLength) {
            body = new byte[Math.max(contentLength, body.length * 2)];
        }
        if (in.readNBytes(body, 0, contentLength) != contentLength) {
            throw new IOException("the connection closed inside a body of " + contentLength + " bytes");
        }
        bodyLength = contentLength;
        if (closing) {
            close();
        }
        return code;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed already: nothing more to do
            }
            socket = null;
        }
    }
}
