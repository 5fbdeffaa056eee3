// Requests: the HTTP and RESTRequest forms of every operation, percent-encoding, bodies, and
// the decoding of responses, against what Asterisk 22.10.1 sent and accepted.
#include <ari/requests.hpp>

#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace rq = ari::requests;

namespace {

// Every request type; tools/check_spec.py checks that operations.hpp has all of the schema's.
using all_requests = std::tuple<
    rq::applications::list, rq::applications::get, rq::applications::subscribe,
    rq::applications::unsubscribe, rq::applications::filter, rq::asterisk::getObject,
    rq::asterisk::updateObject, rq::asterisk::deleteObject, rq::asterisk::getInfo,
    rq::asterisk::ping, rq::asterisk::listModules, rq::asterisk::getModule,
    rq::asterisk::loadModule, rq::asterisk::unloadModule, rq::asterisk::reloadModule,
    rq::asterisk::listLogChannels, rq::asterisk::addLog, rq::asterisk::deleteLog,
    rq::asterisk::rotateLog, rq::asterisk::getGlobalVar, rq::asterisk::setGlobalVar,
    rq::bridges::list, rq::bridges::create, rq::bridges::createWithId, rq::bridges::get,
    rq::bridges::destroy, rq::bridges::addChannel, rq::bridges::removeChannel,
    rq::bridges::setVideoSource, rq::bridges::clearVideoSource, rq::bridges::startMoh,
    rq::bridges::stopMoh, rq::bridges::play, rq::bridges::playWithId, rq::bridges::record,
    rq::bridges::getBridgeVar, rq::bridges::setBridgeVar, rq::bridges::getBridgeVars,
    rq::bridges::setBridgeVars, rq::channels::list, rq::channels::originate, rq::channels::get,
    rq::channels::originateWithId, rq::channels::hangup, rq::channels::continueInDialplan,
    rq::channels::move, rq::channels::redirect, rq::channels::answer, rq::channels::ring,
    rq::channels::ringStop, rq::channels::sendDTMF, rq::channels::mute, rq::channels::unmute,
    rq::channels::hold, rq::channels::unhold, rq::channels::startMoh, rq::channels::stopMoh,
    rq::channels::startSilence, rq::channels::stopSilence, rq::channels::play,
    rq::channels::playWithId, rq::channels::record, rq::channels::getChannelVar,
    rq::channels::setChannelVar, rq::channels::snoopChannel, rq::channels::snoopChannelWithId,
    rq::channels::rtpstatistics, rq::channels::create, rq::channels::dial,
    rq::channels::externalMedia, rq::channels::progress, rq::channels::getChannelVars,
    rq::channels::setChannelVars, rq::channels::transfer_progress, rq::deviceStates::list,
    rq::deviceStates::get, rq::deviceStates::update, rq::deviceStates::delete_, rq::endpoints::list,
    rq::endpoints::sendMessage, rq::endpoints::listByTech, rq::endpoints::get,
    rq::endpoints::sendMessageToEndpoint, rq::endpoints::refer, rq::endpoints::referToEndpoint,
    rq::events::eventWebsocket, rq::events::userEvent, rq::events::claimChannel,
    rq::mailboxes::list, rq::mailboxes::get, rq::mailboxes::update, rq::mailboxes::delete_,
    rq::playbacks::get, rq::playbacks::stop, rq::playbacks::control, rq::recordings::listStored,
    rq::recordings::getStored, rq::recordings::deleteStored, rq::recordings::copyStored,
    rq::recordings::getLive, rq::recordings::cancel, rq::recordings::stop, rq::recordings::pause,
    rq::recordings::unpause, rq::recordings::mute, rq::recordings::unmute,
    rq::recordings::getStoredFile, rq::sounds::list, rq::sounds::get>;

// The line of the REST-over-WebSocket capture with this request id (requests and responses).
std::string captured(const std::string& kind, const std::string& request_id) {
  for (const auto& line : test::lines_of("tests/data/asterisk-22.10.1-rest-over-websocket.jsonl")) {
    if (line.find("\"type\":\"" + kind + "\"") != std::string::npos &&
        line.find("\"request_id\":\"" + request_id + "\"") != std::string::npos) {
      return line;
    }
  }
  throw std::runtime_error("no captured " + kind + " " + request_id);
}

ari::RESTResponse captured_response(const std::string& request_id) {
  return std::get<ari::RESTResponse>(ari::parse_event(captured("RESTResponse", request_id)));
}

}  // namespace

TEST_CASE("requests: the RESTRequest frames a client sent Asterisk 22.10.1, byte for byte") {
  CHECK(ari::to_frame(ari::to_rest_request(rq::asterisk::ping{}, "tx-2", "rq-2")) ==
        captured("RESTRequest", "rq-2"));
  rq::channels::get unknown_channel;
  unknown_channel.channelId = "does-not-exist";
  CHECK(ari::to_frame(ari::to_rest_request(unknown_channel, "tx-4", "rq-4")) ==
        captured("RESTRequest", "rq-4"));
  rq::applications::get application;
  application.applicationName = "testapp";
  CHECK(ari::to_frame(ari::to_rest_request(application, "tx-7", "rq-7")) ==
        captured("RESTRequest", "rq-7"));
}

TEST_CASE("requests: a user event with a body is the frame Asterisk accepted (same members)") {
  rq::events::userEvent event;
  event.eventName = "WsEvent";
  event.application = "testapp";
  event.variables = {{"via", "websocket"}};
  const ari::RESTRequest message = ari::to_rest_request(event, "tx-3", "rq-3");
  CHECK(message.uri == "events/user/WsEvent");
  REQUIRE(message.query_strings);
  REQUIRE(message.query_strings->size() == 1);
  CHECK(message.query_strings->at(0).name == "application");
  CHECK(message.query_strings->at(0).value == "testapp");
  CHECK(message.content_type == "application/json");
  CHECK(message.message_body == R"({"variables":{"via":"websocket"}})");
  CHECK(nlohmann::json::parse(ari::to_frame(message)) ==
        nlohmann::json::parse(captured("RESTRequest", "rq-3")));

  const ari::http_request http = ari::to_http(event);
  CHECK(http.method == "POST");
  CHECK(http.target == "/ari/events/user/WsEvent?application=testapp");
  CHECK(http.content_type == "application/json");
  CHECK(http.body == R"({"variables":{"via":"websocket"}})");
}

TEST_CASE("requests: Asterisk 22.10.1's responses decode into their types") {
  const ari::AsteriskInfo info =
      ari::decode_response<rq::asterisk::getInfo>(captured_response("rq-1"));
  REQUIRE(info.build);
  CHECK(info.build->os == "Linux");
  CHECK(info.build->kernel == "6.18.44-fc-v782");

  const ari::AsteriskPing ping =
      ari::decode_response<rq::asterisk::ping>(captured_response("rq-2"));
  CHECK(ping.ping == "pong");
  CHECK(ping.asterisk_id == "02:fc:00:00:00:01");

  ari::decode_response<rq::events::userEvent>(captured_response("rq-3"));  // 204, void

  const ari::Channel channel =
      ari::decode_response<rq::channels::get>(captured_response("rq-out-1"));
  CHECK(channel.id == "o1");
  CHECK(channel.name == "Local/wait@far-00000034;1");
  CHECK(channel.state == ari::ChannelState::Up);

  const ari::Application application =
      ari::decode_response<rq::applications::get>(captured_response("rq-7"));
  CHECK(application.name == "testapp");
  CHECK(application.channel_ids.empty());
}

TEST_CASE(
    "requests: a 404 from Asterisk is a request_error with the schema's reason and its message") {
  const ari::RESTResponse response = captured_response("rq-4");
  try {
    (void)ari::decode_response<rq::channels::get>(response);
    FAIL("no request_error");
  } catch (const ari::request_error& e) {
    CHECK(e.status() == 404);
    CHECK(e.reason() == "Channel not found");
    CHECK(e.message() == "Channel not found");
    CHECK(std::string(e.what()) ==
          "ari: channels::get: HTTP 404 Channel not found: Channel not found");
  }
  const auto result = ari::try_decode_response<rq::channels::get>(response);
  REQUIRE_FALSE(result);
  REQUIRE(result.request_failure() != nullptr);
  CHECK(result.request_failure()->status() == 404);
  CHECK(result.parse_failure() == nullptr);
  CHECK_THROWS_AS(result.value(), ari::request_error);

  // A status the schema does not list for the operation: Asterisk's own reason phrase.
  const ari::RESTResponse bad_method = captured_response("rq-5");
  try {
    (void)ari::decode_response<rq::asterisk::getInfo>(bad_method);
    FAIL("no request_error");
  } catch (const ari::request_error& e) {
    CHECK(e.status() == 400);
    CHECK(e.reason() == "Bad request");
    CHECK(e.message() == "Unknown or missing 'method' property.");
  }
}

TEST_CASE("requests: error statuses of an operation carry the schema's reasons") {
  using answer = rq::channels::answer;
  CHECK(answer::error_reason(404) == "Channel not found");
  CHECK(answer::error_reason(409) == "Channel not in a Stasis application");
  CHECK(answer::error_reason(412) == "Channel in invalid state");
  CHECK(answer::error_reason(500).empty());
  const auto status_of = [](int status, std::string_view body) {
    try {
      ari::decode_response<answer>(status, body);
    } catch (const ari::request_error& e) {
      return std::make_tuple(e.status(), e.reason(), e.message());
    }
    return std::make_tuple(0, std::string(), std::string());
  };
  CHECK(status_of(409, R"({"message":"Channel not in Stasis application"})") ==
        std::make_tuple(409, std::string("Channel not in a Stasis application"),
                        std::string("Channel not in Stasis application")));
  CHECK(status_of(412, "") ==
        std::make_tuple(412, std::string("Channel in invalid state"), std::string()));
  // Not in the schema: the HTTP reason phrase. A body that is not JSON has no message.
  CHECK(status_of(500, "<html>oops</html>") ==
        std::make_tuple(500, std::string("Internal Server Error"), std::string()));
  CHECK(status_of(401, R"({"message":)") ==
        std::make_tuple(401, std::string("Unauthorized"), std::string()));
  CHECK(status_of(302, R"({"message":42})") ==
        std::make_tuple(302, std::string("Found"), std::string()));
  CHECK(status_of(599, R"({"message":42})") == std::make_tuple(599, std::string(), std::string()));
  CHECK(status_of(503, std::string(100000, '[')) ==
        std::make_tuple(503, std::string("Service Unavailable"), std::string()));
  ari::decode_response<answer>(204, "");
  ari::decode_response<answer>(200, "not even JSON");  // void: the body is not read
}

TEST_CASE("requests: a 2xx body that is not the promised JSON is a parse_error") {
  CHECK_THROWS_AS(ari::decode_response<rq::channels::get>(200, R"({"id":"o1")"), ari::parse_error);
  try {
    (void)ari::decode_response<rq::channels::get>(200, "[]");
    FAIL("no parse_error");
  } catch (const ari::parse_error& e) {
    CHECK(e.pointer().empty());
    CHECK(e.expected() == "object");
  }
  try {
    (void)ari::decode_response<rq::bridges::list>(200, R"([{"id":7}])");
    FAIL("no parse_error");
  } catch (const ari::parse_error& e) {
    CHECK(e.pointer() == "/0/id");
    CHECK(e.expected() == "string");
  }
  const auto result = ari::try_decode_response<rq::channels::list>(200, "{");
  REQUIRE_FALSE(result.has_value());
  REQUIRE(result.parse_failure() != nullptr);
  CHECK(result.request_failure() == nullptr);
  CHECK(std::string(result.error().what()).find("unexpected end of input") != std::string::npos);
  static_assert(noexcept(ari::try_decode_response<rq::channels::list>(200, "")));
}

TEST_CASE("requests: every response class decodes") {
  // void
  static_assert(std::is_void_v<rq::channels::answer::response>);
  // a model, a list of models
  static_assert(std::is_same_v<rq::channels::originate::response, ari::Channel>);
  static_assert(std::is_same_v<rq::bridges::list::response, std::vector<ari::Bridge>>);
  const auto bridges = ari::decode_response<rq::bridges::list>(
      200,
      R"([{"id":"b1","technology":"simple_bridge","bridge_type":"mixing","bridge_class":"stasis",)"
      R"("creator":"Stasis","name":"","channels":["c1","c2"],"video_mode":"talker",)"
      R"("creationtime":"2026-11-26T05:44:36.836+0000","new":1}])");
  REQUIRE(bridges.size() == 1);
  CHECK(bridges[0].id == "b1");
  CHECK(bridges[0].channels == std::vector<std::string>{"c1", "c2"});
  CHECK(bridges[0].extra == nlohmann::json{{"new", 1}});  // lossless, as events are
  const auto variable = ari::decode_response<rq::channels::getChannelVar>(200, R"({"value":"42"})");
  CHECK(variable.value == "42");
  // bytes: the stored recording file, as it came
  static_assert(std::is_same_v<rq::recordings::getStoredFile::response, std::string>);
  const std::string wav("RIFF\0\0\0\0WAVE", 12);
  CHECK(ari::decode_response<rq::recordings::getStoredFile>(200, wav) == wav);
  // the event WebSocket: its frames are events
  static_assert(std::is_same_v<rq::events::eventWebsocket::response, ari::Event>);
  const ari::Event event =
      ari::decode_response<rq::events::eventWebsocket>(200, test::seed_frame("StasisEnd"));
  CHECK(std::holds_alternative<ari::StasisEnd>(event));
  const auto sounds = ari::try_decode_response<rq::sounds::list>(200, "[]");
  REQUIRE(sounds);
  CHECK(sounds->empty());
  const auto answered = ari::try_decode_response<rq::channels::answer>(204, "");
  CHECK(answered.has_value());
}

TEST_CASE("requests: path parameters and query values are percent-encoded, lists comma-joined") {
  rq::channels::answer answer;
  answer.channelId = "a b/c?d#e%f";
  CHECK(ari::to_http(answer).target == "/ari/channels/a%20b%2Fc%3Fd%23e%25f/answer");
  answer.channelId = "a+b";  // Asterisk decodes '+' as a space
  CHECK(ari::to_http(answer).target == "/ari/channels/a%2Bb/answer");
  answer.channelId = "caf\xC3\xA9";
  CHECK(ari::to_http(answer).target == "/ari/channels/caf%C3%A9/answer");
  answer.channelId = "1768471200.1~x_y-z";  // unreserved characters travel as they are
  CHECK(ari::to_http(answer).target == "/ari/channels/1768471200.1~x_y-z/answer");
  CHECK(ari::to_rest_request(answer, "t", "r").uri == "channels/1768471200.1~x_y-z/answer");

  rq::channels::play play;
  play.channelId = "1768471200.1";
  play.media = {"sound:hello-world", "recording:my dir/a&b"};
  play.lang = "fr";
  const ari::http_request http = ari::to_http(play);
  CHECK(http.method == "POST");
  CHECK(http.target ==
        "/ari/channels/1768471200.1/"
        "play?media=sound%3Ahello-world,recording%3Amy%20dir%2Fa%26b&lang=fr");
  CHECK(http.body.empty());
  CHECK(http.content_type.empty());
  // Over the WebSocket the values are taken literally.
  const ari::RESTRequest message = ari::to_rest_request(play, "t1", "r1");
  CHECK(message.uri == "channels/1768471200.1/play");
  REQUIRE(message.query_strings);
  CHECK(message.query_strings->at(0).value == "sound:hello-world,recording:my dir/a&b");
  CHECK(message.query_strings->at(1).name == "lang");
  CHECK_FALSE(message.content_type);
  CHECK_FALSE(message.message_body);

  rq::endpoints::sendMessageToEndpoint text;
  text.tech = "PJSIP";
  text.resource = "alice@example.com:5060";
  text.from = "sip:bob@example.com";
  CHECK(ari::to_http(text).target ==
        "/ari/endpoints/PJSIP/alice%40example.com%3A5060/sendMessage?from=sip%3Abob%40example.com");
}

TEST_CASE("requests: required parameters left empty are refused, naming them") {
  const auto refusal = [](const auto& request) {
    try {
      (void)ari::to_http(request);
    } catch (const std::invalid_argument& e) {
      const std::string http = e.what();
      try {
        (void)ari::to_rest_request(request, "t", "r");
      } catch (const std::invalid_argument& again) {
        CHECK(http == again.what());
      }
      return http;
    }
    return std::string("accepted");
  };
  CHECK(refusal(rq::channels::answer{}) ==
        "ari: channels::answer: the required parameter channelId is empty");
  rq::channels::play play;
  play.channelId = "c1";
  CHECK(refusal(play) == "ari: channels::play: the required parameter media is empty");
  rq::playbacks::control control;  // an enumeration starts unset, not as its first value
  control.playbackId = "p1";
  CHECK(refusal(control) == "ari: playbacks::control: the required parameter operation is empty");
  control.operation = rq::PlaybackOperation::pause;
  CHECK(refusal(control) == "accepted");
  CHECK(ari::to_http(control).target == "/ari/playbacks/p1/control?operation=pause");
  rq::channels::setChannelVars vars;  // a required body
  vars.channelId = "c1";
  CHECK(refusal(vars) ==
        "ari: channels::setChannelVars: the required parameter variables is empty");
  // A path parameter is required even where the schema leaves "required" out.
  CHECK(refusal(rq::endpoints::listByTech{}) ==
        "ari: endpoints::listByTech: the required parameter tech is empty");
  rq::endpoints::get endpoint;
  endpoint.tech = "PJSIP";
  endpoint.resource = "alice";
  CHECK(ari::to_http(endpoint).target == "/ari/endpoints/PJSIP/alice");
  rq::endpoints::sendMessage message;
  message.to = "pjsip:alice";
  CHECK(refusal(message) == "ari: endpoints::sendMessage: the required parameter from is empty");
}

TEST_CASE("requests: unset optionals are not sent; set ones are, even empty") {
  rq::channels::originate originate;
  originate.endpoint = "PJSIP/alice";
  originate.app = "demo";
  CHECK(ari::to_http(originate).target == "/ari/channels?endpoint=PJSIP%2Falice&app=demo");
  originate.callerId = "";
  originate.timeout = 30;
  CHECK(ari::to_http(originate).target ==
        "/ari/channels?endpoint=PJSIP%2Falice&app=demo&callerId=&timeout=30");

  rq::bridges::addChannel add;
  add.bridgeId = "b1";
  add.channel = {"c1", "c2"};
  add.absorbDTMF = true;
  add.mute = false;
  CHECK(ari::to_http(add).target ==
        "/ari/bridges/b1/addChannel?channel=c1,c2&absorbDTMF=true&mute=false");

  rq::mailboxes::update mailbox;  // required numbers are always sent
  mailbox.mailboxName = "1000@default";
  CHECK(ari::to_http(mailbox).target ==
        "/ari/mailboxes/1000%40default?oldMessages=0&newMessages=0");
  CHECK(ari::to_http(mailbox).method == "PUT");
}

TEST_CASE("requests: enumerated parameters send their text, or any text on purpose") {
  rq::channels::record record;
  record.channelId = "c1";
  record.name = "greeting";
  record.format = "wav";
  record.ifExists = rq::IfExists::overwrite;
  record.terminateOn = rq::TerminateOn::hash;
  CHECK(ari::to_http(record).target ==
        "/ari/channels/c1/record?name=greeting&format=wav&ifExists=overwrite&terminateOn=%23");
  record.terminateOn = rq::TerminateOn::from_text("*#");
  CHECK_FALSE(record.terminateOn->is_known());
  CHECK(ari::to_rest_request(record, "t", "r").query_strings->at(3).value == "*#");

  rq::channels::hangup hangup;
  hangup.channelId = "c1";
  hangup.reason = rq::HangupReason::answered_elsewhere;
  CHECK(ari::to_http(hangup).target == "/ari/channels/c1?reason=answered_elsewhere");
  CHECK(ari::to_http(hangup).method == "DELETE");

  rq::asterisk::getInfo info;
  info.only = std::vector<rq::AsteriskInfoSection>{rq::AsteriskInfoSection::build,
                                                   rq::AsteriskInfoSection::status};
  CHECK(ari::to_http(info).target == "/ari/asterisk/info?only=build,status");

  rq::deviceStates::update device;
  device.deviceName = "Stasis:phone";
  device.deviceState = ari::DeviceStateValue::INUSE;
  CHECK(ari::to_http(device).target == "/ari/deviceStates/Stasis%3Aphone?deviceState=INUSE");
}

TEST_CASE("requests: bodies are written the way Asterisk reads them") {
  rq::channels::originate originate;
  originate.endpoint = "PJSIP/alice";
  originate.app = "demo";
  originate.variables = {{"CALLERID(name)", "Alice"}};
  const ari::http_request http = ari::to_http(originate);
  CHECK(http.content_type == "application/json");
  CHECK(http.body == R"x({"variables":{"CALLERID(name)":"Alice"}})x");
  CHECK(http.target == "/ari/channels?endpoint=PJSIP%2Falice&app=demo");  // never in the body

  rq::asterisk::updateObject update;
  update.configClass = "res_pjsip";
  update.objectType = "endpoint";
  update.id = "alice";
  update.fields = nlohmann::json::array({{{"attribute", "allow"}, {"value", "ulaw"}}});
  CHECK(ari::to_http(update).body == R"({"fields":[{"attribute":"allow","value":"ulaw"}]})");

  rq::applications::filter filter;  // the filter object is the body itself
  filter.applicationName = "demo";
  filter.filter = {{"allowed", {{{"type", "StasisStart"}}}}};
  CHECK(ari::to_http(filter).body == R"({"allowed":[{"type":"StasisStart"}]})");
  CHECK(ari::to_rest_request(filter, "t", "r").message_body ==
        R"({"allowed":[{"type":"StasisStart"}]})");
  filter.filter = nullptr;
  CHECK(ari::to_http(filter).body.empty());

  rq::events::userEvent bad;
  bad.eventName = "e";
  bad.application = "a";
  bad.variables = {{"x", "\xFF"}};
  CHECK_THROWS_AS(ari::to_http(bad), std::invalid_argument);
}

TEST_CASE("requests: release lines of operations and parameters") {
  CHECK(rq::channels::externalMedia::release_lines == "16-latest");
  CHECK_FALSE(ari::defined_in<rq::channels::externalMedia>(15));
  CHECK(ari::defined_in<rq::channels::externalMedia>(16));
  CHECK(ari::defined_in<rq::channels::progress>(20));
  CHECK_FALSE(ari::defined_in<rq::channels::progress>(19));
  CHECK(rq::bridges::setBridgeVar::release_lines == "20, 22-latest");
  CHECK_FALSE(ari::defined_in<rq::bridges::setBridgeVar>(21));
  CHECK(ari::defined_in<rq::bridges::setBridgeVar>(30));
  constexpr auto parameters = ari::parameters<rq::channels::externalMedia>();
  static_assert(parameters.size() == 11);
  CHECK(parameters[0].name == "channelId");
  CHECK(parameters[0].place == ari::parameter_place::query);
  CHECK_FALSE(parameters[0].required);
  CHECK(parameters[1].name == "app");
  CHECK(parameters[1].required);
  // required in 16-19, optional from 20: optional here
  CHECK(parameters[3].name == "external_host");
  CHECK_FALSE(parameters[3].required);
  CHECK(parameters[10].name == "transport_data");
  CHECK(parameters[10].lines == "20, 22-latest");
  CHECK(rq::deviceStates::delete_::nickname == "delete");
  CHECK(rq::deviceStates::delete_::http_method == "DELETE");
}

TEST_CASE("requests: every operation's two forms agree") {
  std::size_t count = 0;
  std::apply(
      [&](auto... requests) {
        const auto check = [&](auto request) {
          using R = decltype(request);
          ++count;
          // Every required parameter set to hostile text, so that both forms can be built.
          ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
            auto& member = request.*(parameter.member);
            using M = std::decay_t<decltype(member)>;
            if constexpr (std::is_same_v<M, std::string>) {
              member = "a b/c?d#e%f";
            } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
              member = {"x:1", "y 2"};
            } else if constexpr (std::is_same_v<M, nlohmann::json>) {
              if (parameter.required) member = {{"k", "v"}};
            } else if constexpr (ari::detail::is_text_enum<M>::value) {
              member = M::from_text("v");
            }
          });
          const ari::http_request http = ari::to_http(request);
          const ari::RESTRequest message = ari::to_rest_request(request, "t", "r");
          INFO(http.target);
          CHECK(http.method == R::http_method);
          CHECK(http.target.rfind("/ari/" + message.uri, 0) == 0);
          CHECK(http.target.find_first_of("{} #") == std::string::npos);
          CHECK(message.method == http.method);
          CHECK(message.message_body.value_or("") == http.body);
          CHECK(message.content_type.value_or("") == http.content_type);
          CHECK(message.query_strings.has_value() == (http.target.find('?') != std::string::npos));
          const auto frame = ari::to_frame(message);
          CHECK(nlohmann::json::parse(frame).get<ari::RESTRequest>() == message);
        };
        (check(requests), ...);
      },
      all_requests{});
  CHECK(count == 109);
}

namespace {

// Asterisk's reading of a list value (ari::detail::read_list, which the simulator uses too; its
// reading was checked on a real 22.10.1, README "Server quirks").
std::vector<std::string> asterisk_list(const std::string& value) {
  return ari::detail::read_list(value);
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The value of the query parameter `name` in an HTTP target, as sent (still encoded).
std::string query_value(const std::string& target, const std::string& name) {
  const std::size_t query = target.find('?');
  REQUIRE(query != std::string::npos);
  const std::string all = "&" + target.substr(query + 1) + "&";
  const std::size_t start = all.find("&" + name + "=");
  REQUIRE(start != std::string::npos);
  const std::size_t from = start + name.size() + 2;
  return all.substr(from, all.find('&', from) - from);
}

}  // namespace

TEST_CASE("requests: a list item reaches Asterisk as it is, commas, quotes and brackets included") {
  rq::channels::play play;
  play.channelId = "c1";
  play.media = {"tone:440/200,0/200"};
  // The real 22.10.1 split "tone:440/200,0/200" (and "%2C") in two; escaped, it is one item.
  CHECK(ari::to_http(play).target == "/ari/channels/c1/play?media=tone%3A440%2F200%5C%2C0%2F200");
  const ari::RESTRequest message = ari::to_rest_request(play, "t", "r");
  REQUIRE(message.query_strings);
  CHECK(message.query_strings->at(0).value == "tone:440/200\\,0/200");
  CHECK(asterisk_list(message.query_strings->at(0).value) == play.media);

  // What Asterisk already reads back as it is travels unchanged.
  rq::channels::getChannelVars vars;
  vars.channelId = "c1";
  vars.variables = {"CHANNEL(rtpqos,audio,all)", "CALLERID(name)", "X"};
  CHECK(ari::to_rest_request(vars, "t", "r").query_strings->at(0).value ==
        "CHANNEL(rtpqos,audio,all),CALLERID(name),X");

  // Every item, hostile or not, read back by Asterisk's splitter after decoding, over either
  // transport, is the item sent.
  const std::vector<std::vector<std::string>> lists = {
      {"tone:440/200,0/200", "sound:x"},
      {"say \"hi\"", "back\\slash", "trailing\\"},
      {"open(", "next"},
      {"a)b(c", "[x", "y]", "z"},
      {"(a,b)", "[c,d]", "((e),f)", "g(h,i"},
      {"", "", "x,"},
      {","},
      {""},
      {"\\\"", "\"(,)\"", "]["},
  };
  for (const auto& list : lists) {
    rq::channels::getChannelVars request;
    request.channelId = "c1";
    request.variables = list;
    INFO(ari::to_rest_request(request, "t", "r").query_strings->at(0).value);
    CHECK(asterisk_list(ari::to_rest_request(request, "t", "r").query_strings->at(0).value) ==
          list);
    CHECK(asterisk_list(percent_decoded(query_value(ari::to_http(request).target, "variables"))) ==
          list);
  }

  // An empty list would reach Asterisk as one empty item ("only=" is [""]): refused.
  rq::asterisk::getInfo info;
  info.only = std::vector<rq::AsteriskInfoSection>{};
  CHECK_THROWS_WITH(ari::to_http(info),
                    "ari: asterisk::getInfo: the list only is empty: Asterisk would read one "
                    "empty item; leave it unset");
  CHECK_THROWS_AS(ari::to_rest_request(info, "t", "r"), std::invalid_argument);
}

TEST_CASE("requests: an application name that Asterisk's lines split differently is refused") {
  // events::eventWebsocket's app is split by ast_app_separate_args up to 19 and by ast_strsep
  // (which keeps backslashes, and takes ' as a quote) from 20: no escape works on both.
  rq::events::eventWebsocket events;
  events.app = {"hello", "a,b"};
  CHECK_THROWS_WITH(ari::to_http(events),
                    "ari: events::eventWebsocket: the app item \"a,b\" holds one of , \" ' \\ ( ) "
                    "[ ], which Asterisk's lines split apart differently");
  CHECK_THROWS_AS(ari::to_rest_request(events, "t", "r"), std::invalid_argument);
  for (const char* name : {"it's", "say\"", "back\\", "x(", "y]"}) {
    events.app = {name};
    CHECK_THROWS_AS(ari::to_http(events), std::invalid_argument);
  }
  events.app = {"hello", "world-2_x.y"};
  CHECK(ari::to_http(events).target == "/ari/events?app=hello,world-2_x.y");
}

TEST_CASE("requests: every status a server can send has its reason phrase") {
  const auto reason_of = [](int status) {
    try {
      ari::decode_response<rq::asterisk::ping>(status, "");
    } catch (const ari::request_error& e) {
      return e.reason();
    }
    return std::string("no error");
  };
  // What a real 22.10.1 (or a proxy in front of it) answered with no reason.
  CHECK(reason_of(406) == "Not Acceptable");  // getStoredFile over the WebSocket
  CHECK(reason_of(413) == "Content Too Large");
  CHECK(reason_of(426) == "Upgrade Required");
  CHECK(reason_of(429) == "Too Many Requests");
  CHECK(reason_of(431) == "Request Header Fields Too Large");
  CHECK(reason_of(505) == "HTTP Version Not Supported");
  CHECK(reason_of(511) == "Network Authentication Required");
  for (const int status :
       {100, 101, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402,
        403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
        416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505}) {  // all of RFC 9110's
    INFO(status);
    CHECK_FALSE(ari::detail::http_reason_phrase(status).empty());
  }
  CHECK(ari::detail::http_reason_phrase(418).empty());  // "(Unused)" in RFC 9110
  CHECK(ari::detail::http_reason_phrase(299).empty());
}

TEST_CASE("requests: a path parameter that is a dot segment is sent as %2E") {
  rq::channels::hangup hangup;
  hangup.channelId = "..";
  CHECK(ari::to_http(hangup).target == "/ari/channels/%2E%2E");
  // Asterisk decodes each segment of a RESTRequest's uri too (ast_ari_invoke): the same path.
  CHECK(ari::to_rest_request(hangup, "t", "r").uri == "channels/%2E%2E");
  hangup.channelId = ".";
  CHECK(ari::to_http(hangup).target == "/ari/channels/%2E");
  hangup.channelId = "...";  // not a dot segment
  CHECK(ari::to_http(hangup).target == "/ari/channels/...");
  hangup.channelId = "1768471200.1";
  CHECK(ari::to_http(hangup).target == "/ari/channels/1768471200.1");
  rq::bridges::setVideoSource video;
  video.bridgeId = ".";
  video.channelId = "..";
  CHECK(ari::to_http(video).target == "/ari/bridges/%2E/videoSource/%2E%2E");
}

TEST_CASE("requests: Asterisk's {\"error\": ...} body is the error's message") {
  // An originate to an unknown technology: 22.10.1 answered 500 {"error":"Allocation failed"}.
  try {
    (void)ari::decode_response<rq::channels::originate>(500, R"({"error":"Allocation failed"})");
    FAIL("no request_error");
  } catch (const ari::request_error& e) {
    CHECK(e.message() == "Allocation failed");
    CHECK(std::string(e.what()) ==
          "ari: channels::originate: HTTP 500 Internal Server Error: Allocation failed");
  }
  ari::RESTResponse response;
  response.status_code = 500;
  response.reason_phrase = "Internal Server Error";
  response.message_body = R"({"error":"Allocation failed"})";
  const auto result = ari::try_decode_response<rq::channels::create>(response);
  REQUIRE(result.request_failure());
  CHECK(result.request_failure()->message() == "Allocation failed");
  // "message" wins when there are both.
  CHECK(ari::detail::error_message(R"({"error":"e","message":"m"})") == "m");
  CHECK(ari::detail::error_message(R"({"error":7})").empty());
}

TEST_CASE("requests: bridges::create sends its variables as the body, createWithId wrapped") {
  rq::bridges::create create;
  create.type = "mixing";
  create.variables = {{"CALLERID(num)", "100"}, {"X", {{"value", "1"}, {"report_events", true}}}};
  const ari::http_request http = ari::to_http(create);
  CHECK(http.target == "/ari/bridges?type=mixing");
  CHECK(http.content_type == "application/json");
  CHECK(http.body == R"x({"CALLERID(num)":"100","X":{"report_events":true,"value":"1"}})x");
  CHECK(ari::to_rest_request(create, "t", "r").message_body == http.body);
  CHECK(ari::parameters<rq::bridges::create>()[3].place == ari::parameter_place::whole_body);

  rq::bridges::createWithId with_id;
  with_id.bridgeId = "b1";
  with_id.variables = {{"CALLERID(num)", "100"}};
  CHECK(ari::to_http(with_id).body == R"x({"variables":{"CALLERID(num)":"100"}})x");

  // Asterisk reads the body's type, bridgeId and name as those parameters as well.
  for (const char* name : {"type", "bridgeId", "name"}) {
    create.variables = {{"A", "1"}, {name, "x"}};
    CHECK_THROWS_WITH(ari::to_http(create),
                      std::string("ari: bridges::create: a variable named ") + name +
                          " cannot be sent: Asterisk reads the body's type, bridgeId and name as "
                          "the parameters of that name");
    CHECK_THROWS_AS(ari::to_rest_request(create, "t", "r"), std::invalid_argument);
  }
  create.variables = nullptr;
  CHECK(ari::to_http(create).body.empty());
}

TEST_CASE("requests: channels::mute and unmute send direction=both when it is left unset") {
  rq::channels::mute mute;
  mute.channelId = "c1";
  CHECK_FALSE(mute.direction);
  CHECK(ari::to_http(mute).target == "/ari/channels/c1/mute?direction=both");
  const ari::RESTRequest message = ari::to_rest_request(mute, "t", "r");
  REQUIRE(message.query_strings);
  CHECK(message.query_strings->at(0).name == "direction");
  CHECK(message.query_strings->at(0).value == "both");
  mute.direction = rq::MuteDirection::in;
  CHECK(ari::to_http(mute).target == "/ari/channels/c1/mute?direction=in");

  rq::channels::unmute unmute;
  unmute.channelId = "c1";
  CHECK(ari::to_http(unmute).method == "DELETE");
  CHECK(ari::to_http(unmute).target == "/ari/channels/c1/mute?direction=both");
  unmute.direction = rq::MuteDirection::out;
  CHECK(ari::to_http(unmute).target == "/ari/channels/c1/mute?direction=out");
  // Still optional as the schema has it; other operations send nothing for what is unset.
  CHECK_FALSE(ari::parameters<rq::channels::mute>()[1].required);
  rq::channels::snoopChannel snoop;
  snoop.channelId = "c1";
  snoop.app = "a";
  CHECK(ari::to_http(snoop).target == "/ari/channels/c1/snoop?app=a");
}

TEST_CASE("requests: asterisk::updateObject refuses fields that Asterisk would crash on") {
  rq::asterisk::updateObject update;
  update.configClass = "res_pjsip";
  update.objectType = "endpoint";
  update.id = "alice";
  update.fields = nlohmann::json::array(
      {{{"attribute", "allow"}, {"value", "ulaw"}}, {{"attribute", "context"}}});
  CHECK_THROWS_WITH(ari::to_http(update),
                    "ari: asterisk::updateObject: fields[1] needs string members attribute and "
                    "value (Asterisk crashes on an element without them)");
  CHECK_THROWS_AS(ari::to_rest_request(update, "t", "r"), std::invalid_argument);
  update.fields = nlohmann::json::array({"allow=ulaw"});
  CHECK_THROWS_AS(ari::to_http(update), std::invalid_argument);
  update.fields = nlohmann::json::array({{{"attribute", "allow"}, {"value", 1}}});
  CHECK_THROWS_AS(ari::to_http(update), std::invalid_argument);
  update.fields = nlohmann::json::array({{{"attribute", "allow"}, {"value", "ulaw"}}});
  CHECK(ari::to_http(update).body == R"({"fields":[{"attribute":"allow","value":"ulaw"}]})");
  update.fields = nlohmann::json::array();  // creates the object with its defaults
  CHECK(ari::to_http(update).body == R"({"fields":[]})");
}

#if __cplusplus >= 202002L
TEST_CASE("requests: C++20 designated initialisers") {
  const auto http = ari::to_http(rq::channels::originate{.endpoint = "PJSIP/alice", .app = "demo"});
  CHECK(http.target == "/ari/channels?endpoint=PJSIP%2Falice&app=demo");
}
#endif
