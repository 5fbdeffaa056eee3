// ari-events simulator: the REST operations. Included by <ari/testing/simulator.hpp>.
// Status codes and messages are those of Asterisk 22's res/ari/resource_*.c.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

namespace ari::testing {

namespace sim_detail {
// A string member of a client's message, or empty (never throws on another type).
inline std::string text_member(const nlohmann::json& message, const char* key) {
  const auto found = message.find(key);
  return found != message.end() && found->is_string() ? found->get<std::string>() : std::string();
}
}  // namespace sim_detail

// res/ari/ari_websockets.c: a RESTRequest is answered on the same connection; what is not one
// gets a 400 of its own (texts as Asterisk 22.10.1 wrote them).
inline void event_socket::send(std::string_view frame) {
  if (!open_) return;
  RESTResponse response;
  response.timestamp = owner_->stamp();
  response.asterisk_id = owner_->options_.asterisk_id;
  response.application = applications_.empty() ? std::string() : applications_.front();
  nlohmann::json message;
  try {
    message = nlohmann::json::parse(frame);
  } catch (const nlohmann::json::exception&) {
  }
  if (!message.is_object()) {
    response.status_code = 400;
    response.reason_phrase = "Failed to parse request message JSON";
    push(to_frame(response));
    return;
  }
  response.transaction_id = sim_detail::text_member(message, "transaction_id");
  response.request_id = sim_detail::text_member(message, "request_id");
  const std::string uri = sim_detail::text_member(message, "uri");
  const std::string path = uri.substr(0, uri.find('?'));
  const std::string method = sim_detail::text_member(message, "method");
  const auto refuse = [&](const char* text) {
    response.status_code = 400;
    response.reason_phrase = "Bad request";
    response.content_type = "application/json";
    response.message_body = nlohmann::json{{"message", text}}.dump();
    push(to_frame(response));
  };
  if (sim_detail::text_member(message, "type") != "RESTRequest") {
    response.transaction_id.clear();
    return refuse("Unknown request type.");
  }
  response.uri = path;
  if (method != "GET" && method != "POST" && method != "PUT" && method != "DELETE") {
    return refuse("Unknown or missing 'method' property.");
  }
  http_request request;
  request.method = method;
  request.target = "/ari/" + uri;
  std::string query;
  const auto strings = message.find("query_strings");
  if (strings != message.end() && strings->is_array()) {
    for (const auto& parameter : *strings) {
      if (!parameter.is_object()) continue;
      if (!query.empty()) query += "&";
      query += percent_encode(sim_detail::text_member(parameter, "name"));
      query += "=";
      query += percent_encode(sim_detail::text_member(parameter, "value"));
    }
  }
  if (!query.empty()) request.target += (uri.find('?') == std::string::npos ? "?" : "&") + query;
  const auto body = message.find("message_body");
  if (body != message.end() && body->is_string()) {
    request.body = body->get<std::string>();
    request.content_type = sim_detail::text_member(message, "content_type");
  }
  const http_response answer = owner_->handle(request);
  response.status_code = answer.status;
  response.reason_phrase = answer.reason;
  if (!answer.body.empty()) {
    response.content_type = answer.content_type;
    response.message_body = answer.body;
  }
  push(to_frame(response));
}

inline http_response simulator::route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  const std::string& m = in.method;
  if (s.empty()) return error(404, "Resource not found");
  const std::string& api = s[0];
  if (api == "channels") {
    if (s.size() == 1) {
      if (m == "GET") {
        std::vector<Channel> list;
        for (const auto& [order, id] : channel_order_) {
          if (const channel* ch = find_channel(id)) list.push_back(snapshot(*ch));
        }
        return reply(200, json_list(list));
      }
      if (m == "POST") {
        const std::string id = in.param_or("channelId", "");
        if (!id.empty() && find_channel(id)) {
          return error(409, "Channel with given unique ID already exists");
        }
        return originate(in, id);
      }
      return error(405, "Invalid method");
    }
    if (s.size() == 2 && s[1] == "create" && m == "POST") return create(in);
    if (s.size() == 2 && s[1] == "externalMedia") return not_modelled("channels::externalMedia");
    if (s.size() == 2 && m == "POST") {
      if (find_channel(s[1])) return error(409, "Channel with given unique ID already exists");
      return originate(in, s[1]);
    }
    channel* ch = find_channel(s[1]);
    if (s.size() == 2 && m == "GET") {
      if (!ch) return error(404, "Channel not found");
      return reply(200, json_of(snapshot(*ch)));
    }
    if (s.size() == 2 && m == "DELETE") {
      if (!ch) return error(404, "Channel not found");
      return hangup(in, *ch);
    }
    if (s.size() < 3) return error(405, "Invalid method");
    const std::string op = s[2];
    if (op == "rtp_statistics") return not_modelled("channels::rtpstatistics");
    if (op == "transfer_progress") return not_modelled("channels::transfer_progress");
    if (!ch) return error(404, "Channel not found");
    if (op == "play" && m == "POST" && s.size() <= 4) {
      if (!ch->in_stasis) return error(409, "Channel not in Stasis application");
      return play(in, "channel:" + ch->id, s.size() == 4 ? s[3] : in.param_or("playbackId", ""));
    }
    if (op == "snoop" && m == "POST" && s.size() <= 4) {
      return snoop(in, *ch, s.size() == 4 ? s[3] : in.param_or("snoopId", ""));
    }
    if (s.size() != 3) return error(404, "Resource not found");
    return channel_op(in, *ch, op);
  }
  if (api == "bridges") return bridge_route(in);
  if (api == "playbacks") return playback_route(in);
  if (api == "recordings") return recording_route(in);
  if (api == "applications") return application_route(in);
  if (api == "events") {
    if (s.size() == 3 && s[1] == "user" && m == "POST") return user_event(in);
    if (s.size() == 2 && s[1] == "claim") return not_modelled("events::claimChannel");
    return error(404, "Resource not found");
  }
  if (api == "asterisk") return asterisk_route(in);
  if (api == "endpoints") return endpoint_route(in);
  if (api == "deviceStates") return device_state_route(in);
  if (api == "mailboxes") return mailbox_route(in);
  if (api == "sounds") {
    if (m != "GET") return error(405, "Invalid method");
    std::vector<Sound> sounds;
    for (const auto& [uri, length] : options_.sound_durations) {
      (void)length;
      if (uri.rfind("sound:", 0) != 0) continue;
      Sound sound;
      sound.id = uri.substr(6);
      sound.text = std::string();
      sound.formats.push_back(FormatLangPair{"en", "wav"});
      if (s.size() == 2 && sound.id == s[1]) return reply(200, json_of(sound));
      sounds.push_back(sound);
    }
    if (s.size() == 2) return error(404, "Sound not found");
    return reply(200, json_list(sounds));
  }
  return error(404, "Resource not found");
}

inline http_response simulator::originate(const sim_detail::parsed_request& in, std::string id) {
  const std::string endpoint = in.param_or("endpoint", "");
  if (endpoint.empty()) return error(400, "Endpoint must be specified");
  const std::string app = in.param_or("app", "");
  const std::string extension = in.param_or("extension", "");
  if (app.empty() && extension.empty()) {
    return error(400, "Application or extension must be specified");
  }
  if (!app.empty() && apps_.count(app) == 0) return error(400, "Application not registered");
  const std::size_t slash = endpoint.find('/');
  if (slash == std::string::npos) return error(400, "Invalid endpoint specified");
  const std::string tech = endpoint.substr(0, slash);
  const std::string resource = endpoint.substr(slash + 1);
  if (resource.empty()) return error(400, "Invalid endpoint specified");
  if (other_id_taken(id, in.param_or("otherChannelId", ""))) {
    return error(409, "Channel with given unique ID already exists");
  }
  channel* one = nullptr;
  channel* two = nullptr;
  if (tech == "Local") {
    std::tie(one, two) = make_local(resource, std::move(id), in.param_or("otherChannelId", ""));
  } else {
    one = &new_endpoint_channel(std::move(id), endpoint);
  }
  const std::string one_id = one->id;
  const std::string two_id = two ? two->id : std::string();
  one->originated = true;
  one->dialing = true;
  one->originate_app = app;
  if (!app.empty()) {
    const std::string args = in.param_or("appArgs", "");
    one->originate_args =
        args.empty() ? std::vector<std::string>{} : ::ari::detail::read_list(args);
  }
  publish_channel(ChannelCreated{}, *one);
  if (two) publish_channel(ChannelCreated{}, *two);
  set_app(*one, "AppDial2", "(Outgoing Line)");
  publish_channel(make_dialplan(*one), *one);
  if (const std::string* caller_id = in.param("callerId")) {
    parse_caller_id(*caller_id, one->caller);
    emit_callerid(*one);
    one->connected = one->caller;
    publish_channel(ChannelConnectedLine{}, *one);
  }
  if (in.body.is_object() && in.body.contains("variables") && in.body["variables"].is_object()) {
    for (const auto& [name, value] : in.body["variables"].items()) {
      write_variable(*one, name, value.is_string() ? value.get<std::string>() : value.dump());
    }
  }
  const Channel response = snapshot(*one);
  if (!app.empty()) {
    subscribe(app, one_id);
    if (two) subscribe(app, two_id);
  }
  if (two) start_local_far_end(*one, *two, true);
  one->dialstring = resource;
  emit_dial(*one, "");
  const int timeout = static_cast<int>(sim_detail::to_int(in.param_or("timeout", "30")));
  const std::uint64_t generation = one->dial_generation;
  if (timeout > 0) {
    schedule(duration{static_cast<std::int64_t>(timeout) * 1000}, [this, one_id, generation] {
      channel* c = find_channel(one_id);
      if (!c || !c->dialing || c->dial_generation != generation) return;
      c->dialing = false;
      // No answer in time: the far end is told first, then both go.
      channel* far = find_channel(c->peer);
      const std::string far_id = c->peer;
      c->hangup_requested = true;
      if (far) {
        far->hangup_requested = true;
        far->in_pbx = false;
        ++far->pbx_generation;
        emit_hangup_request(*far, 19, false);
      }
      destroy(*c, 19);
      if ((far = find_channel(far_id)) != nullptr) {
        emit_hangup_request(*far, 16, true);
        destroy(*far, 19);
      }
    });
  }
  if (two_id.empty()) {
    start_far_endpoint(one_id);
  } else if ((two = find_channel(two_id)) != nullptr) {
    start_pbx(*two);
  }
  return reply(200, json_of(response));
}

inline http_response simulator::create(const sim_detail::parsed_request& in) {
  const std::string endpoint = in.param_or("endpoint", "");
  if (endpoint.empty()) return error(400, "Endpoint must be specified");
  const std::string app = in.param_or("app", "");
  if (app.empty()) return error(400, "Application must be specified");
  if (apps_.count(app) == 0) return error(400, "Application not registered");
  const std::size_t slash = endpoint.find('/');
  if (slash == std::string::npos) return error(400, "Invalid endpoint specified");
  if (slash + 1 >= endpoint.size()) return error(400, "Invalid endpoint specified");
  const std::string id = in.param_or("channelId", "");
  if ((!id.empty() && find_channel(id)) || other_id_taken(id, in.param_or("otherChannelId", ""))) {
    return error(409, "Channel with given unique ID already exists");
  }
  channel* one = nullptr;
  channel* two = nullptr;
  if (endpoint.substr(0, slash) == "Local") {
    std::tie(one, two) =
        make_local(endpoint.substr(slash + 1), id, in.param_or("otherChannelId", ""));
    two->created_pending = true;
  } else {
    one = &new_endpoint_channel(id, endpoint);
  }
  const std::string one_id = one->id;
  one->awaiting_dial = true;
  publish_channel(ChannelCreated{}, *one);
  if (two) publish_channel(ChannelCreated{}, *two);
  const Channel response = snapshot(*one);
  const std::string args = in.param_or("appArgs", "");
  const std::vector<std::string> arg_list =
      args.empty() ? std::vector<std::string>{} : ::ari::detail::read_list(args);
  subscribe(app, one_id);
  set_app(*one, "Stasis", app + join(arg_list));
  one->originate_args = arg_list;
  one->app = app;
  // The app sees the channel from its first dialplan step.
  publish_channel(make_dialplan(*one), *one);
  enter_stasis(*one, app, arg_list, true);
  return reply(200, json_of(response));
}

inline http_response simulator::dial(const sim_detail::parsed_request& in, channel& ch) {
  if (!ch.in_stasis) return error(409, "Channel not in Stasis application");
  if (!ch.awaiting_dial) return error(409, "Channel is not in the Down state");
  ch.awaiting_dial = false;
  channel* two = ch.kind == channel_kind::local1 ? find_channel(ch.peer) : nullptr;
  if (two) two->created_pending = false;
  const std::string caller = in.param_or("caller", "");
  if (!caller.empty()) {
    if (!find_channel(caller)) return error(404, "Caller channel not found");
    ch.dial_caller = caller;
  }
  ch.dialing = true;
  const std::string id = ch.id;
  const std::string two_id = two ? two->id : std::string();
  if (two) start_local_far_end(ch, *two, false);
  // The first Dial names what is dialled; those that follow a dial request do not.
  ch.dialstring = ch.device.substr(ch.device.find('/') + 1);
  emit_dial(ch, "");
  ch.dialstring.clear();
  if (!caller.empty()) {
    // The caller's party becomes the callee's connected line once it answers.
    (void)caller;
  }
  const int timeout = static_cast<int>(sim_detail::to_int(in.param_or("timeout", "0")));
  const std::uint64_t generation = ch.dial_generation;
  if (timeout > 0) {
    schedule(duration{static_cast<std::int64_t>(timeout) * 1000}, [this, id, generation] {
      channel* c = find_channel(id);
      if (!c || c->dial_generation != generation || c->state == ChannelState::Up) return;
      c->dialing = false;
      ari_hangup(*c, 19);
    });
  }
  if (two_id.empty()) {
    start_far_endpoint(id);
  } else if ((two = find_channel(two_id)) != nullptr) {
    start_pbx(*two);
  }
  return reply(204);
}

inline http_response simulator::hangup(const sim_detail::parsed_request& in, channel& ch) {
  int cause = 16;
  if (const std::string* code = in.param("reason_code")) {
    cause = static_cast<int>(sim_detail::to_int(*code));
    if (cause < 0 || cause > 127) return error(400, "Invalid reason for hangup provided");
  } else if (const std::string* reason = in.param("reason")) {
    static const std::map<std::string, int> reasons = {{"normal", 16},
                                                       {"busy", 17},
                                                       {"congestion", 34},
                                                       {"no_answer", 19},
                                                       {"timeout", 18},
                                                       {"rejected", 21},
                                                       {"unallocated", 1},
                                                       {"normal_unspecified", 31},
                                                       {"number_incomplete", 28},
                                                       {"codec_mismatch", 58},
                                                       {"interworking", 127},
                                                       {"failure", 38},
                                                       {"answered_elsewhere", 26}};
    const auto found = reasons.find(*reason);
    if (found == reasons.end()) return error(400, "Invalid reason for hangup provided");
    cause = found->second;
  }
  if (ch.kind == channel_kind::snoop) {
    // A snoop channel leaves the application but lives as long as what it spies on.
    emit_hangup_request(ch, 32, true);
    leave_stasis(ch);
    emit_varset(ch, "STASISSTATUS", "SUCCESS");
    return reply(204);
  }
  ari_hangup(ch, cause);
  return reply(204);
}

inline http_response simulator::play(const sim_detail::parsed_request& in,
                                     const std::string& target, std::string id) {
  const std::string media = in.param_or("media", "");
  if (media.empty()) return error(400, "Required parameter 'media' not provided");
  if (id.empty()) id = "playback-" + std::to_string(++playback_counter_);
  if (playbacks_.count(id) != 0) return error(409, "Playback with given ID already exists");
  playback_state p;
  p.id = id;
  p.media = ::ari::detail::read_list(media);
  p.target = target;
  p.language = in.param_or("lang", "en");
  playbacks_[id] = p;
  const Playback response = snapshot(p);
  if (target.rfind("channel:", 0) == 0) {
    channel* ch = find_channel(target.substr(8));
    if (!ch->current_recording.empty()) finish_recording(ch->current_recording, "done");
    if (!ch->current_playback.empty()) {
      ch->queue.push_back(id);
    } else {
      ch->current_playback = id;
      start_playback(id);
    }
  } else {
    bridge_state& b = bridges_[target.substr(7)];
    if (b.type == "holding") {
      // A holding bridge's announcer channel cannot play here: the playback fails at once.
      ++local_counter_;
      playbacks_[id].state = "playing";
      PlaybackStarted started;
      started.playback = snapshot(playbacks_[id]);
      publish(std::move(started), playback_audience(playbacks_[id]));
      finish_playback(id, "failed");
    } else {
      b.announcer = "Announcer/ARI-" + hex8(local_counter_++) + ";2";
      update_bridge_peers(b);
      start_playback(id);
    }
  }
  return reply(201, json_of(response));
}

inline http_response simulator::record(const sim_detail::parsed_request& in,
                                       const std::string& target) {
  const std::string name = in.param_or("name", "");
  const std::string format = in.param_or("format", "");
  if (name.empty()) return error(400, "Recording name is required");
  if (format.empty()) return error(400, "Recording format is required");
  const std::string if_exists = in.param_or("ifExists", "fail");
  if (recordings_.count(name) != 0)
    return error(409, "Recording with that name already in progress");
  if (if_exists == "fail" && stored_.count(name) != 0)
    return error(422, "Recording already exists");
  recording_state r;
  r.name = name;
  r.format = format;
  r.target = target;
  r.state = "queued";
  r.max_duration = static_cast<int>(sim_detail::to_int(in.param_or("maxDurationSeconds", "0")));
  r.beep = in.param_or("beep", "false") == "true";
  r.started = now_;
  const LiveRecording response = snapshot(r);
  r.state = "recording";
  if (target.rfind("channel:", 0) == 0) {
    channel* ch = find_channel(target.substr(8));
    if (!ch->bridge.empty()) {
      recordings_[name] = r;
      r.state = "failed";
      LiveRecording live = snapshot(r);
      live.cause = "Cannot record channel while in bridge";
      recordings_.erase(name);
      RecordingFailed failed;
      failed.recording = live;
      publish(std::move(failed), audience{{ch->id}, {}, {}, {}, true});
      return reply(201, json_of(response));
    }
    if (!ch->current_recording.empty()) finish_recording(ch->current_recording, "done");
    ch->current_recording = name;
    recordings_[name] = r;
    stored_.insert(name);  // the file is on disk from the start
    RecordingStarted started;
    started.recording = snapshot(r);
    publish(std::move(started), audience{{ch->id}, {}, {}, {}, true});
    // A Local channel gets no audio: ast_play_and_record gives up after 4 s of none.
    const duration limit = duration{4000} + (r.beep ? duration{300} : duration{0});
    const std::string rec = name;
    const std::uint64_t generation = ++recordings_[name].generation;
    schedule(limit, [this, rec, generation] {
      const auto found = recordings_.find(rec);
      if (found == recordings_.end() || found->second.generation != generation) return;
      finish_recording(rec, "done");
    });
  } else {
    bridge_state& b = bridges_[target.substr(7)];
    b.announcer = "Recorder/ARI-" + hex8(local_counter_++) + ";2";
    update_bridge_peers(b);
    recordings_[name] = r;
    RecordingStarted started;
    started.recording = snapshot(r);
    publish(std::move(started), audience{{}, {b.id}, {}, {}, true, true});
    if (r.max_duration > 0) {
      const std::string rec = name;
      const std::uint64_t generation = ++recordings_[name].generation;
      schedule(duration{static_cast<std::int64_t>(r.max_duration) * 1000 + 280},
               [this, rec, generation] {
                 const auto found = recordings_.find(rec);
                 if (found == recordings_.end() || found->second.generation != generation) return;
                 finish_recording(rec, "done");
               });
    }
  }
  return reply(201, json_of(response));
}

inline http_response simulator::snoop(const sim_detail::parsed_request& in, channel& ch,
                                      std::string id) {
  const std::string app = in.param_or("app", "");
  if (app.empty()) return error(400, "Application name is required");
  if (apps_.count(app) == 0) return error(400, "Application not registered");
  const std::string target_id = ch.id;
  channel& spy = new_channel(std::move(id), "Snoop/" + ch.id + "-" + hex8(snoop_counter_++));
  spy.kind = channel_kind::snoop;
  spy.state = ChannelState::Up;
  spy.context = "default";
  spy.exten = "s";
  spy.priority = 1;
  spy.snoop_target = target_id;
  spy.device = "Snoop/" + target_id;
  find_channel(target_id)->snoops.push_back(spy.id);
  const Channel response = snapshot(spy);
  publish_channel(ChannelCreated{}, spy);
  const std::string args = in.param_or("appArgs", "");
  const std::vector<std::string> arg_list =
      args.empty() ? std::vector<std::string>{} : ::ari::detail::read_list(args);
  set_app(spy, "Stasis", app + join(arg_list));
  publish_channel(make_dialplan(spy), spy);
  enter_stasis(spy, app, arg_list, true);
  return reply(200, json_of(response));
}

inline http_response simulator::channel_op(const sim_detail::parsed_request& in, channel& ch,
                                           const std::string& op) {
  const std::string& m = in.method;
  if (op == "variable") {
    const std::string variable = in.param_or("variable", "");
    if (variable.empty()) return error(400, "Variable name is required");
    if (m == "GET") {
      if (!has_variable(ch, variable)) return error(404, "Provided variable was not found");
      Variable value;
      value.value = get_variable(ch, variable);
      return reply(200, json_of(value));
    }
    if (m == "POST") {
      if (in.param_or("report_events", "") == "true") ch.reported[variable] = "";
      write_variable(ch, variable, in.param_or("value", ""));
      if (ch.reported.count(variable) != 0) ch.reported[variable] = get_variable(ch, variable);
      return reply(204);
    }
    return error(405, "Invalid method");
  }
  if (op == "variables") {
    if (m == "GET") {
      Variables values;
      values.variables = nlohmann::json::object();
      for (const auto& [key, value] : ch.vars)
        values.variables[key] = value;
      return reply(200, json_of(values));
    }
    if (!in.body.is_object() || !in.body.contains("variables") ||
        !in.body["variables"].is_object()) {
      return error(400, "Variables are required");
    }
    for (const auto& [name, value] : in.body["variables"].items()) {
      write_variable(ch, name, value.is_string() ? value.get<std::string>() : value.dump());
    }
    return reply(204);
  }
  if (op == "dial" && m == "POST") return dial(in, ch);
  if (op == "record" && m == "POST") {
    if (!ch.in_stasis) return error(409, "Channel not in Stasis application");
    return record(in, "channel:" + ch.id);
  }
  if (op == "continue" || op == "move" || op == "redirect") {
    if (m != "POST") return error(405, "Invalid method");
    if (!ch.in_stasis) return error(409, "Channel not in Stasis application");
    if (op == "redirect") {
      const std::string endpoint = in.param_or("endpoint", "");
      if (endpoint.empty()) return error(400, "Redirect endpoint required");
      const std::size_t slash = endpoint.find('/');
      const std::string tech = endpoint.substr(0, slash);
      const std::string own = ch.name.substr(0, ch.name.find('/'));
      if (slash == std::string::npos || tech != own) {
        return error(422, "Endpoint technology '" + tech + "' does not match channel technology '" +
                              own + "'");
      }
      return reply(204);
    }
    if (op == "move") {
      const std::string app = in.param_or("app", "");
      if (app.empty()) return error(400, "Application is required");
      const std::string args = in.param_or("appArgs", "");
      const std::vector<std::string> arg_list =
          args.empty() ? std::vector<std::string>{} : ::ari::detail::read_list(args);
      const auto target = apps_.find(app);
      if (target == apps_.end() || target->second.socket == nullptr) {
        ApplicationMoveFailed failed;
        failed.destination = app;
        failed.args = arg_list;
        failed.channel = snapshot(ch);
        publish(std::move(failed), audience{{}, {}, {}, ch.app, false});
        return reply(204);
      }
      // The new app has the channel through Stasis only: no subscription of its own.
      const std::string old_app = ch.app;
      StasisEnd end;
      end.channel = snapshot(ch);
      publish(std::move(end), audience{{}, {}, {}, old_app, false});
      ch.app = app;
      StasisStart start;
      start.args = arg_list;
      start.channel = snapshot(ch);
      publish(std::move(start), audience{{}, {}, {}, app, false});
      return reply(204);
    }
    // continue: leaves Stasis into the dialplan.
    const std::string context = in.param_or("context", ch.context);
    const std::string extension = in.param_or("extension", ch.exten);
    long priority = static_cast<long>(sim_detail::to_int(in.param_or("priority", "0")));
    leave_bridge(ch, true);
    leave_stasis(ch);
    ch.context = context;
    ch.exten = extension;
    ch.priority = priority > 0 ? priority : 1;
    start_pbx(ch);
    return reply(204);
  }
  if (!ch.in_stasis) return error(409, "Channel not in Stasis application");
  if (op == "answer" && m == "POST") {
    if (ch.state != ChannelState::Up) emit_state(ch, ChannelState::Up);
    return reply(204);
  }
  if (op == "ring" || op == "progress" || op == "hold" || op == "mute" || op == "moh" ||
      op == "silence") {
    // On a Local channel in Stasis these change nothing an application can see.
    if (op == "moh" && m == "POST" && in.param_or("mohClass", "default") != "default") {
      return reply(204);
    }
    return reply(204);
  }
  if (op == "dtmf" && m == "POST") {
    const std::string digits = in.param_or("dtmf", "");
    if (digits.empty()) return error(400, "DTMF is required");
    const int before =
        std::max(0, static_cast<int>(sim_detail::to_int(in.param_or("before", "0"))));
    const int between =
        std::max(0, static_cast<int>(sim_detail::to_int(in.param_or("between", "100"))));
    const int length =
        std::max(0, static_cast<int>(sim_detail::to_int(in.param_or("duration", "100"))));
    // The far side of a Local pair receives them.
    const std::string target = ch.peer.empty() ? ch.id : ch.peer;
    duration at{before + length + 130};
    for (const char digit : digits) {
      const std::string d(1, digit);
      schedule(at, [this, target, d, length] {
        if (channel* t = find_channel(target)) emit_dtmf(*t, d, length);
      });
      at += duration{length + between};
    }
    return reply(204);
  }
  return error(404, "Resource not found");
}

inline void simulator::remove_from_bridge_silently(bridge_state& b, const std::string& id) {
  for (auto it = b.channels.begin(); it != b.channels.end(); ++it) {
    if (*it == id) {
      b.channels.erase(it);
      return;
    }
  }
}

inline http_response simulator::bridge_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  const std::string& m = in.method;
  if (s.size() == 1 && m == "GET") {
    std::vector<Bridge> list;
    for (const auto& [id, b] : bridges_)
      list.push_back(snapshot(b));
    return reply(200, json_list(list));
  }
  if (s.size() <= 2 && m == "POST") {
    std::string id = s.size() == 2 ? s[1] : in.param_or("bridgeId", "");
    if (id.empty()) id = "bridge-" + std::to_string(++playback_counter_);
    if (bridges_.count(id) != 0) return error(409, "Bridge with given unique ID already exists");
    bridge_state b;
    b.id = id;
    b.name = in.param_or("name", "");
    const std::string type = in.param_or("type", "mixing");
    if (type.find("holding") != std::string::npos) {
      b.type = "holding";
      b.technology = "holding_bridge";
    }
    b.creationtime = stamp();
    bridges_[id] = b;
    BridgeCreated created;
    created.bridge = snapshot(b);
    publish(std::move(created), audience{{}, {id}, {}, {}, true});
    return reply(200, json_of(snapshot(b)));
  }
  if (s.size() < 2) return error(405, "Invalid method");
  const auto found = bridges_.find(s[1]);
  if (found == bridges_.end()) return error(404, "Bridge not found");
  bridge_state& b = found->second;
  const std::string bridge_id = b.id;
  if (s.size() == 2 && m == "GET") return reply(200, json_of(snapshot(b)));
  if (s.size() == 2 && m == "DELETE") {
    const std::vector<std::string> members = b.channels;
    for (const auto& id : members) {
      if (channel* ch = find_channel(id)) {
        if (b.type != "holding") emit_varset(*ch, "BRIDGEPEER", "");
      }
    }
    for (const auto& id : members) {
      channel* ch = find_channel(id);
      if (!ch) continue;
      ch->bridge.clear();
      remove_from_bridge_silently(bridges_[bridge_id], id);
      ChannelLeftBridge left;
      left.bridge = snapshot(bridges_[bridge_id]);
      left.channel = snapshot(*ch);
      publish(std::move(left), audience{{id}, {bridge_id}, {}, {}, true});
      release_bridge(ch->app, bridge_id);
    }
    BridgeDestroyed destroyed;
    destroyed.bridge = snapshot(bridges_[bridge_id]);
    publish(std::move(destroyed), audience{{}, {bridge_id}, {}, {}, true});
    bridges_.erase(bridge_id);
    for (auto& [name, app] : apps_) {
      app.bridges.erase(bridge_id);
      app.bridge_refs.erase(bridge_id);
    }
    return reply(204);
  }
  if (s.size() < 3) return error(405, "Invalid method");
  const std::string op = s[2];
  if (op == "addChannel" && m == "POST") {
    const std::string list = in.param_or("channel", "");
    if (list.empty()) return error(400, "Channel parameter is required");
    const auto ids = ::ari::detail::read_list(list);
    for (const auto& id : ids) {
      channel* ch = find_channel(id);
      if (!ch) return error(400, "Channel not found");
      if (!ch->in_stasis) return error(422, "Channel not in Stasis application");
    }
    for (const auto& id : ids) {
      channel* ch = find_channel(id);
      if (!ch->bridge.empty()) leave_bridge(*ch, false);
      ch->bridge = bridge_id;
      bridges_[bridge_id].channels.push_back(id);
      for (auto& [name, app] : apps_) {
        if (name == ch->app) ++app.bridge_refs[bridge_id];
      }
      ChannelEnteredBridge entered;
      entered.bridge = snapshot(bridges_[bridge_id]);
      entered.channel = snapshot(*ch);
      publish(std::move(entered), audience{{id}, {bridge_id}, {}, {}, true});
    }
    update_bridge_peers(bridges_[bridge_id]);
    return reply(204);
  }
  if (op == "removeChannel" && m == "POST") {
    const std::string list = in.param_or("channel", "");
    if (list.empty()) return error(400, "Channel parameter is required");
    for (const auto& id : ::ari::detail::read_list(list)) {
      channel* ch = find_channel(id);
      if (!ch) return error(400, "Channel not found");
      if (ch->bridge != bridge_id) return error(422, "Channel not in this bridge");
      if (b.video_source == id) {
        b.video_source.clear();
      }
      leave_bridge(*ch, true);
      release_bridge(ch->app, bridge_id);
    }
    return reply(204);
  }
  if (op == "play" && m == "POST" && s.size() <= 4) {
    return play(in, "bridge:" + bridge_id, s.size() == 4 ? s[3] : in.param_or("playbackId", ""));
  }
  if (op == "record" && m == "POST") return record(in, "bridge:" + bridge_id);
  if (op == "moh") {
    if (m == "POST") {
      const std::string announcer = "Announcer/ARI_MOH-" + hex8(local_counter_++) + ";2";
      if (b.type != "holding") {
        b.moh = true;
        b.announcer = announcer;
        update_bridge_peers(b);
      } else {
        // Its announcer channel comes and goes at once: the music never plays.
        emit_device("Announcer/ARI_MOH", "INUSE");
        emit_device("Announcer/ARI_MOH", "UNKNOWN");
      }
      return reply(204);
    }
    if (!b.moh) return error(409, "Bridge isn't playing music");
    b.moh = false;
    b.announcer.clear();
    update_bridge_peers(b);
    emit_device("Announcer/ARI_MOH", "UNKNOWN");
    emit_device("Announcer/ARI_MOH", "UNKNOWN");
    return reply(204);
  }
  if (op == "videoSource") {
    if (m == "DELETE") {
      // No event now; the mode goes back to talker, and the old source's leaving is reported.
      b.last_video_source = b.video_source;
      b.video_source.clear();
      b.video_mode = "talker";
      return reply(204);
    }
    if (s.size() != 4) return error(404, "Resource not found");
    if (!find_channel(s[3])) return error(404, "Channel not found");
    const std::string old = b.video_source;
    b.video_source = s[3];
    b.video_mode = "single";
    BridgeVideoSourceChanged changed;
    changed.bridge = snapshot(b);
    if (!old.empty()) changed.old_video_source_id = old;
    publish(std::move(changed), audience{{}, {bridge_id}, {}, {}, true});
    return reply(204);
  }
  if (op == "variable") {
    const std::string variable = in.param_or("variable", "");
    if (variable.empty()) return error(400, "Variable name is required");
    if (m == "GET") {
      for (const auto& [key, value] : b.vars) {
        if (key == variable) {
          Variable v;
          v.value = value;
          return reply(200, json_of(v));
        }
      }
      return error(404, "Provided variable was not found");
    }
    b.vars.emplace_back(variable, in.param_or("value", ""));
    return reply(204);
  }
  if (op == "variables") {
    if (m == "GET") {
      Variables values;
      values.variables = nlohmann::json::object();
      for (const auto& [key, value] : b.vars)
        values.variables[key] = value;
      return reply(200, json_of(values));
    }
    if (!in.body.is_object() || !in.body.contains("variables") ||
        !in.body["variables"].is_object()) {
      return error(400, "Variables are required");
    }
    for (const auto& [key, value] : in.body["variables"].items()) {
      b.vars.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    }
    return reply(204);
  }
  return error(404, "Resource not found");
}

inline http_response simulator::playback_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  if (s.size() < 2) return error(404, "Resource not found");
  const auto found = playbacks_.find(s[1]);
  if (found == playbacks_.end()) return error(404, "Playback not found");
  playback_state& p = found->second;
  const std::string id = p.id;
  if (s.size() == 2 && in.method == "GET") return reply(200, json_of(snapshot(p)));
  if (s.size() == 2 && in.method == "DELETE") {
    if (p.state == "queued") {
      playbacks_.erase(found);
      return reply(204);
    }
    // Stopping ends the current media; a list goes on with the next one.
    if (p.index + 1 < p.media.size()) {
      media_ended(id, p.generation, true);
    } else {
      finish_playback(id, "done");
    }
    return reply(204);
  }
  if (s.size() == 3 && s[2] == "control" && in.method == "POST") {
    const std::string operation = in.param_or("operation", "");
    if (operation.empty()) return error(400, "Missing operation");
    if (p.state != "playing" && !p.paused) return error(409, "Playback not playing");
    if (operation == "pause") {
      if (!p.paused) {
        p.paused = true;
        if (p.remaining != duration::max()) p.remaining -= now_ - p.started;
        ++p.generation;
      }
    } else if (operation == "unpause") {
      if (p.paused) {
        p.paused = false;
        PlaybackStarted started;
        started.playback = snapshot(p);
        publish(std::move(started), playback_audience(p));
        p.started = now_;
        const std::uint64_t generation = ++p.generation;
        if (p.remaining != duration::max()) {
          schedule(p.remaining, [this, id, generation] { media_ended(id, generation, true); });
        }
      }
    } else if (operation == "restart" || operation == "forward" || operation == "reverse") {
      // Moves within the media: the end comes later or sooner; restart starts it again.
      if (operation == "restart" && !p.paused) play_current(id);
    } else {
      return error(400, "Invalid operation " + operation);
    }
    return reply(204);
  }
  return error(404, "Resource not found");
}

inline http_response simulator::recording_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  const std::string& m = in.method;
  if (s.size() >= 2 && s[1] == "stored") {
    if (s.size() == 2 && m == "GET") {
      std::vector<StoredRecording> list;
      for (const auto& name : stored_)
        list.push_back(StoredRecording{name, "wav"});
      return reply(200, json_list(list));
    }
    if (s.size() < 3) return error(405, "Invalid method");
    if (stored_.count(s[2]) == 0) return error(404, "Recording not found");
    if (s.size() == 3 && m == "GET") return reply(200, json_of(StoredRecording{s[2], "wav"}));
    if (s.size() == 3 && m == "DELETE") {
      stored_.erase(s[2]);
      return reply(204);
    }
    if (s.size() == 4 && s[3] == "copy" && m == "POST") {
      const std::string destination = in.param_or("destinationRecordingName", "");
      if (destination.empty()) return error(400, "Destination recording name is required");
      if (stored_.count(destination) != 0)
        return error(409, "A recording with the same name already exists on the system");
      stored_.insert(destination);
      return reply(200, json_of(StoredRecording{destination, "wav"}));
    }
    if (s.size() == 4 && s[3] == "file") return not_modelled("recordings::getStoredFile");
    return error(404, "Resource not found");
  }
  if (s.size() >= 3 && s[1] == "live") {
    const auto found = recordings_.find(s[2]);
    if (found == recordings_.end()) return error(404, "Recording not found");
    recording_state& r = found->second;
    const std::string name = r.name;
    if (s.size() == 3 && m == "GET") return reply(200, json_of(snapshot(r)));
    if (s.size() == 3 && m == "DELETE") {
      finish_recording(name, "done");
      stored_.erase(name);  // cancel discards the file
      return reply(204);
    }
    if (s.size() == 4) {
      if (s[3] == "stop" && m == "POST") {
        finish_recording(name, "done");
        return reply(204);
      }
      if (s[3] == "pause") {
        r.paused = m == "POST";
        return reply(204);
      }
      if (s[3] == "mute") {
        r.muted = m == "POST";
        return reply(204);
      }
    }
  }
  return error(404, "Resource not found");
}

inline http_response simulator::application_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  if (s.size() == 1 && in.method == "GET") {
    std::vector<Application> list;
    for (const auto& [name, app] : apps_)
      list.push_back(describe_app(name, app));
    return reply(200, json_list(list));
  }
  if (s.size() < 2) return error(405, "Invalid method");
  const auto found = apps_.find(s[1]);
  if (found == apps_.end()) return error(404, "Application not found");
  app_state& app = found->second;
  if (s.size() == 2 && in.method == "GET") return reply(200, json_of(describe_app(s[1], app)));
  if (s.size() == 3 && s[2] == "subscription") {
    const std::string sources = in.param_or("eventSource", "");
    if (sources.empty()) return error(400, "Missing parameter eventSource");
    for (const auto& source : ::ari::detail::read_list(sources)) {
      const std::size_t colon = source.find(':');
      const std::string scheme = source.substr(0, colon);
      const std::string id = colon == std::string::npos ? std::string() : source.substr(colon + 1);
      std::set<std::string>* set = nullptr;
      if (scheme == "channel") {
        if (!find_channel(id)) return error(422, "Unable to find event source");
        set = &app.channels;
      } else if (scheme == "bridge") {
        if (bridges_.count(id) == 0) return error(422, "Unable to find event source");
        set = &app.bridges;
      } else if (scheme == "endpoint") {
        set = &app.endpoints;
      } else if (scheme == "deviceState") {
        set = &app.devices;
      } else {
        return error(400, "Invalid event source URI scheme");
      }
      if (in.method == "POST") {
        set->insert(id);
      } else if (in.method == "DELETE") {
        if (set->erase(id) == 0) return error(409, "Application not subscribed to event source");
      }
    }
    return reply(200, json_of(describe_app(s[1], app)));
  }
  if (s.size() == 3 && s[2] == "eventFilter" && in.method == "PUT") {
    // {"allowed": [{"type": "StasisStart"}, ...], "disallowed": [...]}: publish() applies it.
    app.allowed.clear();
    app.disallowed.clear();
    if (!in.body.is_null() && !in.body.is_object()) return error(400, "Invalid filter");
    for (const char* list : {"allowed", "disallowed"}) {
      if (!in.body.is_object() || !in.body.contains(list)) continue;
      if (!in.body[list].is_array()) return error(400, "Invalid filter");
      for (const auto& entry : in.body[list]) {
        if (!entry.is_object() || !entry.contains("type") || !entry["type"].is_string()) {
          return error(400, "Invalid filter");
        }
        (std::string(list) == "allowed" ? app.allowed : app.disallowed)
            .push_back(entry["type"].get<std::string>());
      }
    }
    return reply(200, json_of(describe_app(s[1], app)));
  }
  return error(404, "Resource not found");
}

inline http_response simulator::endpoint_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  if (in.method != "GET") {
    if (s.size() >= 2 && (s.back() == "sendMessage" || s.back() == "refer")) {
      if (s.back() == "refer") {
        return not_modelled(s.size() == 2 ? "endpoints::refer" : "endpoints::referToEndpoint");
      }
      return not_modelled(s.size() == 2 ? "endpoints::sendMessage"
                                        : "endpoints::sendMessageToEndpoint");
    }
    return error(405, "Invalid method");
  }
  // The endpoints are those set_endpoint() described, with their live channels.
  auto describe = [&](const std::string& name) {
    Endpoint endpoint;
    const std::size_t slash = name.find('/');
    endpoint.technology = name.substr(0, slash);
    endpoint.resource = name.substr(slash + 1);
    endpoint.state = EndpointState::online;
    for (const auto& [order, id] : channel_order_) {
      const channel* ch = find_channel(id);
      if (ch && ch->device == name) endpoint.channel_ids.push_back(id);
    }
    return endpoint;
  };
  std::vector<Endpoint> list;
  for (const auto& [name, behaviour] : endpoints_) {
    (void)behaviour;
    const std::string tech = name.substr(0, name.find('/'));
    if (s.size() >= 2 && tech != s[1]) continue;
    if (s.size() == 3 && name != s[1] + "/" + s[2]) continue;
    list.push_back(describe(name));
  }
  if (s.size() == 3) {
    if (list.empty()) return error(404, "Endpoint not found");
    return reply(200, json_of(list.front()));
  }
  if (s.size() == 2 && list.empty()) return error(404, "No Endpoints found - invalid tech " + s[1]);
  if (s.size() > 3) return error(404, "Resource not found");
  return reply(200, json_list(list));
}

inline http_response simulator::device_state_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  auto describe = [&](const std::string& name, const std::string& state) {
    DeviceState device;
    device.name = name;
    device.state = DeviceStateValue::from_text(state);
    return device;
  };
  if (s.size() == 1 && in.method == "GET") {
    std::vector<DeviceState> list;
    for (const auto& [name, state] : device_states_)
      list.push_back(describe(name, state));
    return reply(200, json_list(list));
  }
  if (s.size() != 2) return error(404, "Resource not found");
  const std::string& name = s[1];
  const auto found = device_states_.find(name);
  if (in.method == "GET") {
    return reply(
        200, json_of(describe(name, found == device_states_.end() ? "UNKNOWN" : found->second)));
  }
  // Only "Stasis:" devices are the application's to change (res_stasis_device_state.c).
  const bool controlled =
      name.size() > 7 && (name.compare(0, 7, "Stasis:") == 0 || name.compare(0, 7, "stasis:") == 0);
  if (!controlled) return error(409, "Uncontrolled device specified");
  if (in.method == "PUT") {
    const std::string state = in.param_or("deviceState", "");
    static const std::set<std::string> states = {"NOT_INUSE",   "INUSE",   "BUSY",      "INVALID",
                                                 "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD"};
    if (states.count(state) == 0) return error(500, "Unknown device");
    device_states_[name] = state;
    emit_device(name, state.c_str());
    return reply(204);
  }
  if (in.method == "DELETE") {
    device_states_.erase(name);
    return reply(204);
  }
  return error(405, "Invalid method");
}

inline http_response simulator::mailbox_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  auto describe = [](const std::string& name, const std::pair<int, int>& counts) {
    Mailbox mailbox;
    mailbox.name = name;
    mailbox.old_messages = counts.first;
    mailbox.new_messages = counts.second;
    return mailbox;
  };
  if (s.size() == 1 && in.method == "GET") {
    std::vector<Mailbox> list;
    for (const auto& [name, counts] : mailboxes_)
      list.push_back(describe(name, counts));
    return reply(200, json_list(list));
  }
  if (s.size() != 2) return error(404, "Resource not found");
  const auto found = mailboxes_.find(s[1]);
  if (in.method == "GET") {
    if (found == mailboxes_.end()) return error(404, "Mailbox is does not exist");
    return reply(200, json_of(describe(s[1], found->second)));
  }
  if (in.method == "PUT") {
    const std::string* old_messages = in.param("oldMessages");
    const std::string* new_messages = in.param("newMessages");
    if (!old_messages || !new_messages) return error(400, "Missing parameters");
    mailboxes_[s[1]] = {static_cast<int>(sim_detail::to_int(*old_messages)),
                        static_cast<int>(sim_detail::to_int(*new_messages))};
    return reply(204);
  }
  if (in.method == "DELETE") {
    if (found == mailboxes_.end()) return error(404, "Mailbox does not exist");
    mailboxes_.erase(found);
    return reply(204);
  }
  return error(405, "Invalid method");
}

inline http_response simulator::user_event(const sim_detail::parsed_request& in) {
  const std::string app = in.param_or("application", "");
  if (app.empty()) return error(400, "Missing parameter application");
  if (apps_.count(app) == 0) return error(404, "Application not found");
  ChannelUserevent event;
  event.eventname = in.segments[2];
  nlohmann::json body = nlohmann::json::object();
  if (in.body.is_object() && in.body.contains("variables") && in.body["variables"].is_object()) {
    for (const auto& [key, value] : in.body["variables"].items())
      body[key] = value;
  }
  body["eventname"] = event.eventname;
  event.userevent = body;
  if (const std::string* sources = in.param("source")) {
    for (const auto& source : ::ari::detail::read_list(*sources)) {
      const std::size_t colon = source.find(':');
      const std::string scheme = source.substr(0, colon);
      const std::string id = colon == std::string::npos ? std::string() : source.substr(colon + 1);
      if (scheme == "channel") {
        const channel* ch = find_channel(id);
        if (!ch) return error(422, "Unable to find event source");
        event.channel = snapshot(*ch);
      } else if (scheme == "bridge") {
        const auto b = bridges_.find(id);
        if (b == bridges_.end()) return error(422, "Unable to find event source");
        event.bridge = snapshot(b->second);
      } else {
        return error(400, "Invalid event source URI scheme");
      }
    }
  }
  publish(std::move(event), audience{{}, {}, {}, app, false});
  return reply(204);
}

inline http_response simulator::asterisk_route(const sim_detail::parsed_request& in) {
  const auto& s = in.segments;
  if (s.size() == 2 && s[1] == "info" && in.method == "GET") {
    AsteriskInfo info;
    BuildInfo build;
    build.os = "Linux";
    build.kernel = "6.18.44-fc-v1272";
    build.options = "OPTIONAL_API";
    build.machine = "x86_64";
    build.date = "2026-12-05 06:47:22 UTC";
    build.user = "root";
    info.build = build;
    info.system = SystemInfo{options_.version, options_.asterisk_id};
    ConfigInfo config;
    config.name = options_.system_name;
    config.default_language = "en";
    config.setid = SetId{"", ""};
    info.config = config;
    const Timestamp started(startup_, options_.utc_offset);
    info.status = StatusInfo{started, started};
    nlohmann::ordered_json out;
    // Asterisk's member order: build, system, config, status; build's os, kernel, machine...
    out["build"] = {{"os", build.os},           {"kernel", build.kernel},
                    {"machine", build.machine}, {"options", build.options},
                    {"date", build.date},       {"user", build.user}};
    out["system"] = {{"version", options_.version}, {"entity_id", options_.asterisk_id}};
    out["config"] = {{"name", options_.system_name},
                     {"default_language", "en"},
                     {"setid", {{"user", ""}, {"group", ""}}}};
    out["status"] = {{"startup_time", started.to_string()},
                     {"last_reload_time", started.to_string()}};
    const std::string only = in.param_or("only", "");
    if (!only.empty()) {
      nlohmann::ordered_json part;
      for (const auto& section : ::ari::detail::read_list(only)) {
        if (out.contains(section)) part[section] = out[section];
      }
      out = part;
    }
    return reply(200, out.dump());
  }
  if (s.size() == 2 && s[1] == "ping" && in.method == "GET") {
    AsteriskPing ping;
    ping.asterisk_id = options_.asterisk_id;
    ping.ping = "pong";
    ping.timestamp = stamp();
    return reply(200, json_of(ping));
  }
  if (s.size() == 2 && s[1] == "variable") {
    const std::string variable = in.param_or("variable", "");
    if (variable.empty()) return error(400, "Variable name is required");
    if (in.method == "GET") {
      Variable v;
      const auto found = globals_.find(variable);
      v.value = found == globals_.end() ? std::string() : found->second;
      return reply(200, json_of(v));
    }
    if (in.method == "POST") {
      globals_[variable] = in.param_or("value", "");
      ChannelVarset event;
      event.variable = variable;
      event.value = globals_[variable];
      publish(std::move(event), audience{});
      return reply(204);
    }
    return error(405, "Invalid method");
  }
  const std::string& m = in.method;
  if (s.size() >= 2 && s[1] == "modules") {
    if (s.size() == 2) return not_modelled("asterisk::listModules");
    if (m == "GET") return not_modelled("asterisk::getModule");
    if (m == "POST") return not_modelled("asterisk::loadModule");
    if (m == "DELETE") return not_modelled("asterisk::unloadModule");
    return not_modelled("asterisk::reloadModule");
  }
  if (s.size() >= 2 && s[1] == "logging") {
    if (s.size() == 2) return not_modelled("asterisk::listLogChannels");
    if (s.size() == 4) return not_modelled("asterisk::rotateLog");
    if (m == "POST") return not_modelled("asterisk::addLog");
    return not_modelled("asterisk::deleteLog");
  }
  if (s.size() >= 2 && s[1] == "config") {
    if (m == "GET") return not_modelled("asterisk::getObject");
    if (m == "PUT") return not_modelled("asterisk::updateObject");
    return not_modelled("asterisk::deleteObject");
  }
  return error(404, "Resource not found");
}

}  // namespace ari::testing
