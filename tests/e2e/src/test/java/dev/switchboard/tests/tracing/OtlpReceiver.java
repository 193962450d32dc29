package dev.switchboard.tests.tracing;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An in-process OTLP/HTTP collector on 127.0.0.1 (port 0): accepts {@code POST /v1/traces} with an
 * {@code ExportTraceServiceRequest} in protobuf, decodes it with the official bindings and keeps
 * every span (with its resource's {@code service.name}).
 */
final class OtlpReceiver implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * One received span.
     *
     * @param traceId      32 hex digits
     * @param spanId       16 hex digits
     * @param parentSpanId 16 hex digits, or "" for a root span
     * @param kind         {@code SPAN_KIND_SERVER}, {@code SPAN_KIND_CLIENT}, ...
     * @param attributes   attribute values as String, Long, Double, Boolean or List
     * @param statusCode   {@code STATUS_CODE_UNSET}, {@code STATUS_CODE_ERROR}, ...
     * @param service      the resource's {@code service.name}
     */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind, Map<String, Object> attributes,
                        String statusCode, String service) {
        Object attr(String key) {
            return attributes.get(key);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The traces endpoint to configure. */
    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1/traces";
    }

    /** Every span received so far. */
    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans of one trace. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** The content types the exports came with. */
    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    private void handle(HttpServerRequest req) {
        if (!"/v1/traces".equals(req.path()) || req.method() != io.vertx.core.http.HttpMethod.POST) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().onSuccess(body -> {
            try {
                contentTypes.add(req.getHeader("content-type"));
                decode(ExportTraceServiceRequest.parseFrom(body.getBytes()));
                req.response().putHeader("content-type", "application/x-protobuf")
                        .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
            } catch (Exception e) {
                req.response().setStatusCode(400).end(e.toString());
            }
        });
    }

    private void decode(ExportTraceServiceRequest request) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = String.valueOf(attributes(rs.getResource().getAttributesList()).get("service.name"));
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    spans.add(new ReceivedSpan(HEX.formatHex(s.getTraceId().toByteArray()), HEX.formatHex(s.getSpanId().toByteArray()),
                            HEX.formatHex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(),
                            attributes(s.getAttributesList()), s.getStatus().getCode().name(), service));
                }
            }
        }
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        list.forEach(kv -> out.put(kv.getKey(), value(kv.getValue())));
        return out;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpReceiver::value).toList();
            default -> v.toString();
        };
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
