package dev.switchboard.engine.http;

import dev.switchboard.engine.http.exchange.Responses;
import dev.switchboard.engine.bus.ChatBusConsumer;
import dev.switchboard.engine.metrics.ClusterStats;
import dev.switchboard.engine.bus.FeedbackBusConsumer;
import dev.switchboard.engine.feedback.FeedbackService;
import dev.switchboard.engine.embeddings.EmbeddingsService;
import dev.switchboard.engine.error.ApiException;
import dev.switchboard.engine.health.Health;
import dev.switchboard.engine.health.LoopProbe;
import dev.switchboard.engine.error.ErrorShape;
import dev.switchboard.engine.frontdoor.anthropic.AnthropicErrors;
import dev.switchboard.engine.frontdoor.anthropic.MessagesBusDoor;
import dev.switchboard.engine.frontdoor.anthropic.MessagesHandler;
import dev.switchboard.spi.provider.NativeRequest;
import dev.switchboard.engine.bus.FrontDoorBusConsumer;
import dev.switchboard.engine.http.embeddings.EmbeddingsHandler;
import dev.switchboard.engine.http.responses.ResponsesHandler;
import dev.switchboard.engine.responses.ResponseStore;
import dev.switchboard.engine.responses.ResponsesService;
import dev.switchboard.engine.metrics.Observability;
import dev.switchboard.engine.pipeline.ChatService;
import dev.switchboard.engine.plugin.PluginRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The front doors on one event loop: the HTTP API and the event-bus consumers. Deployed once per
 * event loop; instances share the listening port.
 */
public final class ApiVerticle extends VerticleBase {
    /**
     * The socket send buffer towards clients. Flow control sees only what Vert.x queues; left to
     * the kernel the send buffer grows to 4 MB per connection, so every slow reader would park
     * that much of its stream in kernel memory beyond {@code server.stream-write-queue-bytes}.
     */
    private static final int SEND_BUFFER_BYTES = 128 * 1024;

    private final ChatService service;
    private final dev.switchboard.engine.admin.ConfigAdmin admin;
    private final PluginRegistry plugins;
    private final Settings settings;
    private final Observability observability;
    private final ClusterStats cluster;
    private final ServerLimits limits;
    private final Health health;
    private HttpServer server;
    private ConnectionGuard guard;
    private ChatBusConsumer bus;
    private LoopProbe loop;
    private FrontDoorBusConsumer frontDoorBus;
    private FeedbackBusConsumer feedbackBus;
    private EmbeddingsService embeddings;
    private ResponsesService responses;

    /**
     * @param host           bind address
     * @param port           port (0 = any free port)
     * @param maxBodyBytes   request body limit
     * @param shutdownMs     how long in-flight requests may finish on stop
     * @param chatAddress    event-bus address for chat requests
     * @param routeAddress   event-bus address for route explanations
     * @param version        reported by /health
     * @param streams        flow-control bounds of streams
     * @param frontDoors     the other front doors' bus addresses and the response store's bounds
     */
    public record Settings(String host, int port, long maxBodyBytes, long shutdownMs, String chatAddress,
                           String routeAddress, String version, Streams streams, FrontDoors frontDoors) {
    }

    /**
     * Flow-control bounds of streams.
     *
     * @param writeQueueBytes  HTTP: bytes queued for a client before the upstream read pauses
     * @param busWindow        event bus: chunk messages sent and not yet acknowledged before it pauses
     * @param busAckTimeoutMs  event bus: how long a chunk may wait for its acknowledgement before the
     *                         consumer counts as too slow (or gone) and the stream is cancelled
     */
    public record Streams(int writeQueueBytes, int busWindow, long busAckTimeoutMs) {
    }

    /**
     * Settings of the front doors beyond chat completions and messages.
     *
     * @param embeddingsAddress  event-bus address of embeddings requests
     * @param responsesAddress   event-bus address of Responses API requests
     * @param responseStore      the node's store of Responses API answers (shared by every verticle)
     * @param feedbackAddress    event-bus address of feedback
     * @param feedback           the node's feedback service (shared by every verticle)
     */
    public record FrontDoors(String embeddingsAddress, String responsesAddress, ResponseStore responseStore, String feedbackAddress,
                             FeedbackService feedback) {
    }

    public ApiVerticle(ChatService service, PluginRegistry plugins, Settings settings, Observability observability, ClusterStats cluster,
                       dev.switchboard.engine.admin.ConfigAdmin admin, ServerLimits limits, Health health) {
        this.limits = limits;
        this.health = health;
        this.admin = admin;
        this.cluster = cluster;
        this.service = service;
        this.plugins = plugins;
        this.settings = settings;
        this.observability = observability;
    }

    @Override
    public Future<?> start() {
        bus = new ChatBusConsumer(vertx, service, settings.chatAddress(), settings.routeAddress(),
                settings.streams().busWindow(), settings.streams().busAckTimeoutMs(),
                Map.of(NativeRequest.ANTHROPIC_MESSAGES, new MessagesBusDoor(vertx, service,
                        settings.streams().busWindow(), settings.streams().busAckTimeoutMs())));
        FrontDoors doors = settings.frontDoors();
        embeddings = new EmbeddingsService(service);
        responses = new ResponsesService(service, doors.responseStore());
        frontDoorBus = new FrontDoorBusConsumer(vertx, embeddings, responses, doors.embeddingsAddress(), doors.responsesAddress(),
                settings.streams().busWindow(), settings.streams().busAckTimeoutMs());
        feedbackBus = new FeedbackBusConsumer(vertx, doors.feedback().keys(), doors.feedback(), doors.feedbackAddress());
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setTcpNoDelay(true).setCompressionSupported(false).setSendBufferSize(SEND_BUFFER_BYTES)
                // HTTP/1.1 only: with cleartext HTTP/2 detection on, Vert.x makes no connection until the first bytes decide the
                // protocol, so a silent or dripping client escapes the header timeout (clients asking to upgrade stay on HTTP/1.1)
                .setHttp2ClearTextEnabled(false);
        guard = new ConnectionGuard(vertx, limits);
        server = vertx.createHttpServer(options).connectionHandler(guard)
                .invalidRequestHandler(req -> InvalidRequests.answer(req, options.getMaxInitialLineLength(), options.getMaxHeaderSize()));
        loop = health.probe();
        loop.start(vertx);
        io.vertx.ext.web.Router router = router();
        return bus.register().compose(v -> frontDoorBus.register()).compose(v -> feedbackBus.register())
                .compose(v -> server.requestHandler(req -> InvalidRequests.route(req, router)).listen());
    }

    /** The port actually bound. */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        loop.stop();
        // every front door drains at once: HTTP requests and streams on this loop's connections, and event-bus requests
        return Future.all(server.shutdown(settings.shutdownMs(), TimeUnit.MILLISECONDS), bus.drain(settings.shutdownMs()))
                .eventually(() -> frontDoorBus.unregister()).eventually(() -> feedbackBus.unregister());
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(guard::request);
        ChatCompletionsHandler chat = new ChatCompletionsHandler(service, settings.streams().writeQueueBytes());
        RouteHandler route = new RouteHandler(service);
        InfoHandlers info = new InfoHandlers(service, plugins, settings.version(), observability::tracingStats);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        AdminGuard adminGuard = new AdminGuard(service);
        for (String path : new String[] {"/circuit-breakers", "/circuit-breaker/*", "/v1/stats", "/v1/decisions", "/config", "/config/*",
                "/providers", "/v1/models/refresh"}) {
            router.route(path).handler(adminGuard);
        }
        router.getWithRegex("/(v1/)?models(/.+)?").handler(ctx -> {
            try {
                service.gate().authenticate(ctx.request().headers());
                ctx.next();
            } catch (RuntimeException e) {
                Responses.error(ctx, e);
            }
        });
        router.post("/v1/chat/completions").handler(body).handler(chat);
        router.post("/chat/completions").handler(body).handler(chat);
        router.post("/v1/route").handler(body).handler(route);
        MessagesHandler messages = new MessagesHandler(service, settings.streams().writeQueueBytes());
        router.post("/v1/messages").handler(body).handler(messages::messages);
        router.post("/v1/messages/count_tokens").handler(body).handler(messages::countTokens);
        router.get("/v1/models").handler(info::models);
        router.get("/models").handler(info::models);
        router.getWithRegex("/(?:v1/)?models/(?<id>.+)").handler(info::model);
        EmbeddingsHandler embed = new EmbeddingsHandler(embeddings);
        router.post("/v1/embeddings").handler(body).handler(embed);
        router.post("/embeddings").handler(body).handler(embed);
        ResponsesHandler responsesApi = new ResponsesHandler(responses, settings.streams().writeQueueBytes());
        router.post("/v1/responses").handler(body).handler(responsesApi::create);
        router.post("/responses").handler(body).handler(responsesApi::create);
        router.getWithRegex("/(?:v1/)?responses/(?<id>[^/]+)").handler(responsesApi::get);
        router.deleteWithRegex("/(?:v1/)?responses/(?<id>[^/]+)").handler(responsesApi::delete);
        router.post("/v1/feedback").handler(body).handler(new FeedbackHandler(settings.frontDoors().feedback()));
        router.post("/v1/models/refresh").handler(info::refresh);
        HealthHandlers healthHandlers = new HealthHandlers(health, info);
        router.get("/health").handler(healthHandlers::details);
        router.get("/health/live").handler(healthHandlers::live);
        router.get("/health/ready").handler(healthHandlers::ready);
        BreakerHandlers breakers = new BreakerHandlers(service);
        router.get("/circuit-breakers").handler(breakers::list);
        router.post("/circuit-breaker/reset-all").handler(breakers::resetAll);
        router.postWithRegex("/circuit-breaker/reset/(?<model>.+)").handler(breakers::reset);
        AdminHandlers config = new AdminHandlers(service, admin);
        router.get("/config").handler(config::config);
        router.get("/providers").handler(config::providers);
        router.post("/config/category").handler(body).handler(config::putCategory);
        router.post("/config/model-mapping").handler(body).handler(config::putMapping);
        router.delete("/config/category/:name").handler(config::deleteCategory);
        router.post("/config/reload").handler(config::reload);
        OpsHandlers ops = new OpsHandlers(service, observability, cluster);
        router.get("/metrics").handler(ops::metrics);
        router.get("/v1/stats").handler(ops::stats);
        router.get("/v1/decisions").handler(ops::decisions);
        DashboardRoutes.mount(router, adminGuard, observability.decisions());
        router.route().last().handler(ctx -> Responses.error(ctx, ApiException.invalid(404, "not_found",
                "no endpoint " + ctx.request().method() + " " + ctx.request().path()
                        + " (try POST /v1/chat/completions, POST /v1/messages, POST /v1/responses, POST /v1/embeddings, GET /v1/models,"
                        + " GET /health)"), shape(ctx)));
        router.errorHandler(413, ctx -> Responses.error(ctx, ApiException.invalid(413, "request_too_large",
                "request body exceeds the limit of " + settings.maxBodyBytes() + " bytes (server.max-body-bytes)"), shape(ctx)));
        router.errorHandler(405, ctx -> Responses.error(ctx, ApiException.invalid(405, "method_not_allowed",
                "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()), shape(ctx)));
        router.errorHandler(500, this::internalError);
        // what the router rejects before any route: a request target that is not a path ("*"), a method it does not know
        router.errorHandler(404, ctx -> Responses.error(ctx, ApiException.invalid(404, "not_found",
                "no endpoint for this request target; use a path such as /v1/chat/completions, /v1/models or /health"), shape(ctx)));
        router.errorHandler(501, ctx -> Responses.error(ctx, ApiException.invalid(405, "method_not_allowed",
                "HTTP method '" + Responses.headerSafe(ctx.request().method().name()) + "' is not supported here; use GET, POST or DELETE"), shape(ctx)));
        router.errorHandler(400, ctx -> Responses.error(ctx, ApiException.badRequest(null, "bad request: "
                + (ctx.failure() == null ? "malformed HTTP request" : ctx.failure().getMessage())), shape(ctx)));
        return router;
    }

    private void internalError(RoutingContext ctx) {
        Responses.error(ctx, ctx.failure() == null ? new IllegalStateException("unknown failure") : ctx.failure(), shape(ctx));
    }

    /** The error shape of the API a path belongs to: Anthropic's under {@code /v1/messages}, else OpenAI's. */
    private static ErrorShape shape(RoutingContext ctx) {
        return ctx.request().path().startsWith("/v1/messages") ? AnthropicErrors.INSTANCE : ErrorShape.OPENAI;
    }
}
