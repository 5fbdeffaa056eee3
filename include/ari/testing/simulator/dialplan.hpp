// ari-events simulator: a small extensions.conf reader. Contexts, `exten =>
// name,priority,App(args)` and `same => n,App(args)` lines; comments after ';'. Enough for the
// dialplans tests write.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ari::testing {

/// The dialplan of the conversation capture (asterisk-22.10.1-conversations.README.md): the
/// contexts its scenarios reach, verbatim.
inline const char* conversations_dialplan() {
  return R"(; target for POST /channels/{id}/continue
[after-stasis]
exten => s,1,NoOp(continued out of stasis)
 same => n,Set(AFTER=1)
 same => n,UserEvent(AfterStasis,Foo: bar)
 same => n,Wait(1)
 same => n,Hangup(17)
exten => back,1,NoOp(back into stasis)
 same => n,Stasis(testapp,again)
 same => n,Hangup()

; ---- far ends of Local channels --------------------------------------------
[far]
exten => wait,1,Answer()
 same => n,Wait(120)
 same => n,Hangup()
exten => noanswer,1,Wait(120)
exten => ringing,1,Ringing()
 same => n,Wait(2)
 same => n,Answer()
 same => n,Wait(120)
exten => busy,1,Busy(5)
exten => congestion,1,Congestion(5)
exten => progress,1,Progress()
 same => n,Wait(1)
 same => n,Answer()
 same => n,Wait(60)
exten => tone,1,Answer()
 same => n,Wait(1)
 same => n,Playback(ari-tone440)
 same => n,PlayTones(440)
 same => n,Wait(60)
exten => talk,1,Answer()
 same => n,Wait(1)
 same => n,Playback(ari-speech)
 same => n,Playback(ari-silence)
 same => n,Playback(ari-speech)
 same => n,Playback(ari-silence)
 same => n,Wait(60)
exten => dtmf,1,Answer()
 same => n,Wait(1.5)
 same => n,SendDTMF(12#*,250,200)
 same => n,Wait(60)
exten => cid,1,Answer()
 same => n,Wait(1)
 same => n,Set(CONNECTEDLINE(all)="Far End" <5559876>)
 same => n,Wait(60)
exten => hangup,1,Answer()
 same => n,Wait(1)
 same => n,Hangup(21)
)";
}

namespace sim_detail {

/// One priority: the application and its argument text.
struct dialplan_step {
  std::string app;
  std::string data;
};

/// context -> extension -> priority -> step.
using dialplan_table = std::map<std::string, std::map<std::string, std::map<long, dialplan_step>>>;

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

inline dialplan_table parse_dialplan(std::string_view text) {
  dialplan_table table;
  std::string context;
  std::string exten;
  long priority = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // ';' starts a comment unless escaped; the capture's dialplan has none inside data.
    const std::size_t comment = line.find(';');
    if (comment != std::string_view::npos) line = line.substr(0, comment);
    line = trim(line);
    if (line.empty()) continue;
    if (line.front() == '[') {
      const std::size_t close = line.find(']');
      context = std::string(line.substr(1, close == std::string_view::npos ? 0 : close - 1));
      continue;
    }
    const std::size_t arrow = line.find("=>");
    if (arrow == std::string_view::npos) continue;
    const std::string_view keyword = trim(line.substr(0, arrow));
    std::string_view rest = trim(line.substr(arrow + 2));
    if (keyword == "exten") {
      const std::size_t comma = rest.find(',');
      if (comma == std::string_view::npos) continue;
      exten = std::string(trim(rest.substr(0, comma)));
      rest = rest.substr(comma + 1);
    } else if (keyword != "same") {
      continue;
    }
    const std::size_t comma = rest.find(',');
    if (comma == std::string_view::npos) continue;
    const std::string_view prio = trim(rest.substr(0, comma));
    std::string_view application = trim(rest.substr(comma + 1));
    if (prio == "n") {
      ++priority;
    } else {
      priority = 0;
      for (const char c : prio) {
        if (c < '0' || c > '9') break;
        priority = priority * 10 + (c - '0');
      }
    }
    dialplan_step step;
    const std::size_t open = application.find('(');
    if (open == std::string_view::npos) {
      step.app = std::string(application);
    } else {
      step.app = std::string(trim(application.substr(0, open)));
      std::string_view data = application.substr(open + 1);
      if (!data.empty() && data.back() == ')') data.remove_suffix(1);
      step.data = std::string(data);
    }
    table[context][exten][priority] = step;
  }
  return table;
}

}  // namespace sim_detail
}  // namespace ari::testing
