// The README's first Stasis application: answer each call, play a prompt, hang up when the
// prompt has finished. Only call logic: the connection, its recovery and the requests'
// transport are ari::client's.
#pragma once

#include <exception>
#include <string>

#include <ari/client.hpp>

inline void hello_app(ari::client& client, const std::string& media = "sound:hello-world") {
  namespace rq = ari::requests;
  client.on<ari::StasisStart>([&client, media](const ari::StasisStart& e) {
    const std::string channel = e.channel.id;
    rq::channels::answer answer;
    answer.channelId = channel;
    client.async_send(answer, [](std::exception_ptr) {});  // answered before the play: in order

    rq::channels::playWithId play;
    play.channelId = channel;
    play.playbackId = channel + "-hello";  // our own id, so that we know its PlaybackFinished
    play.media = {media};
    // Armed before the play is sent: a prompt that fails at once finishes before its response.
    client.async_wait<ari::PlaybackFinished>(
        [id = play.playbackId](const ari::PlaybackFinished& f) { return f.playback.id == id; },
        [&client, channel](boost::system::error_code error, const ari::PlaybackFinished&) {
          if (error) return;  // disconnected or stopped: nothing to hang up here
          rq::channels::hangup hangup;
          hangup.channelId = channel;
          client.async_send(hangup, [](std::exception_ptr) {});
        });
    client.async_send(play, [](std::exception_ptr, const ari::Playback&) {});
  });
}
