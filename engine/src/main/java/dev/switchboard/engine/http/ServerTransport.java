package dev.switchboard.engine.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * The chosen Vert.x transport (epoll or NIO), with two changes to HTTP server connections. A request line
 * with an HTTP version other than 1.0 or 1.1 becomes an invalid request, answered 400 in the API's error
 * shape by {@link InvalidRequests} (Vert.x would answer 501 with no body). And half-closure is allowed:
 * a client that shuts down its sending side after the request (allowed by RFC 9112 9.6, done by some
 * scripts and proxies) still gets its answer; by default Netty closes the socket at the client's FIN,
 * losing any answer that needed an upstream call. A half-closed connection is closed once nothing is
 * in flight on it ({@link #halfClosed}), or by {@code server.idle-timeout-ms} when the client shut
 * down its side while nothing was in flight.
 */
public final class ServerTransport implements io.vertx.core.transport.Transport, Transport {
    private static volatile String lastChosen = "nio";
    /** Server connections whose client has shut down its sending side, as {@code remote-ip:port>local-port}. */
    private static final java.util.Set<String> HALF_CLOSED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final ChannelHandler WATCHER = new Watcher();
    private static final ChannelHandler VERSION_CHECK = new VersionCheck();
    private final io.vertx.core.transport.Transport chosen;
    private final Transport impl;

    private ServerTransport(io.vertx.core.transport.Transport chosen) {
        this.chosen = chosen;
        this.impl = chosen.implementation();
    }

    /** The native transport when {@code preferNative} and it loads, else NIO; either with half-closed HTTP connections. */
    public static ServerTransport of(boolean preferNative) {
        io.vertx.core.transport.Transport n = preferNative ? io.vertx.core.transport.Transport.nativeTransport() : null;
        ServerTransport t = new ServerTransport(n != null && n.available() ? n : io.vertx.core.transport.Transport.NIO);
        lastChosen = t.name();
        return t;
    }

    /** The name of the transport last chosen by {@link #of} in this JVM, for the start banner. */
    public static String chosenName() {
        return lastChosen;
    }

    /** The transport underneath, e.g. {@code epoll} or {@code nio}. */
    @Override
    public String name() {
        return chosen.name();
    }

    @Override
    public boolean available() {
        return chosen.available();
    }

    @Override
    public Throwable unavailabilityCause() {
        return chosen.unavailabilityCause();
    }

    @Override
    public Transport implementation() {
        return this;
    }

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        impl.configure(options, domainSocket, bootstrap);
        if (options instanceof HttpServerOptions) {
            bootstrap.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            ChannelHandler vertxInit = bootstrap.config().childHandler(); // a ChannelInitializer: sharable
            bootstrap.childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(WATCHER, vertxInit);
                    ChannelHandlerContext decoder = ch.pipeline().context(HttpRequestDecoder.class); // Vert.x's, once it has set up
                    if (decoder != null) {
                        ch.pipeline().addAfter(decoder.name(), "switchboard-version-check", VERSION_CHECK);
                    }
                }
            });
        }
    }

    /** Whether the client of this server connection has shut down its sending side (only known on a transport of this class). */
    static boolean halfClosed(io.vertx.core.http.HttpConnection connection) {
        if (HALF_CLOSED.isEmpty()) {
            return false;   // the usual case: no lookup, no key built
        }
        io.vertx.core.net.SocketAddress remote = connection.remoteAddress();
        io.vertx.core.net.SocketAddress local = connection.localAddress();
        return remote != null && local != null && HALF_CLOSED.contains(remote.hostAddress() + ":" + remote.port() + ">" + local.port());
    }

    /**
     * Marks a decoded request with an HTTP version other than 1.0 and 1.1 as invalid, so the invalid-request handler answers it.
     * Only HTTP/1.x requests pass here: the server does not speak HTTP/2 on cleartext.
     */
    @ChannelHandler.Sharable
    private static final class VersionCheck extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest req && req.protocolVersion() != HttpVersion.HTTP_1_1 && req.protocolVersion() != HttpVersion.HTTP_1_0) {
                req.setProtocolVersion(HttpVersion.HTTP_1_1);   // the answer's status line too: not an echo of "HTTP/9.9"
                if (req.decoderResult().isSuccess()) {
                    req.setDecoderResult(DecoderResult.failure(InvalidRequests.UNSUPPORTED_VERSION));
                }
            }
            super.channelRead(ctx, msg);
        }
    }

    /** Notes a client's FIN (seen only with half-closure allowed) and forgets the connection when it closes. */
    @ChannelHandler.Sharable
    private static final class Watcher extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                String key = key(ctx.channel());
                if (key != null) {
                    HALF_CLOSED.add(key);
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!HALF_CLOSED.isEmpty()) {
                String key = key(ctx.channel());
                if (key != null) {
                    HALF_CLOSED.remove(key);
                }
            }
            super.channelInactive(ctx);
        }

        private static String key(Channel ch) {
            if (ch.remoteAddress() instanceof InetSocketAddress remote && ch.localAddress() instanceof InetSocketAddress local) {
                return remote.getAddress().getHostAddress() + ":" + remote.getPort() + ">" + local.getPort();
            }
            return null;
        }
    }

    @Override
    public boolean supportsDomainSockets() {
        return impl.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
        return impl.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
        return impl.isAvailable();
    }

    @Override
    public java.net.SocketAddress convert(io.vertx.core.net.SocketAddress address) {
        return impl.convert(address);
    }

    @Override
    public io.vertx.core.net.SocketAddress convert(java.net.SocketAddress address) {
        return impl.convert(address);
    }

    @Override
    public IoHandlerFactory ioHandlerFactory() {
        return impl.ioHandlerFactory();
    }

    @Override
    public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory factory, int ioRatio) {
        return impl.eventLoopGroup(type, threads, factory, ioRatio);
    }

    @Override
    public DatagramChannel datagramChannel() {
        return impl.datagramChannel();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
        return impl.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends io.netty.channel.Channel> channelFactory(boolean domainSocket) {
        return impl.channelFactory(domainSocket);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
        return impl.serverChannelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
        impl.configure(channel, options);
    }

    @Override
    public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
        impl.configure(options, connectTimeout, domainSocket, bootstrap);
    }
}
