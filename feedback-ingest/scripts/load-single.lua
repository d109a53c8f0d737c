-- wrk script: one preference per POST to /v1/preferences, unique content per request (run id,
-- thread number, counter), so no request is a duplicate of another.
local run = os.getenv("LOAD_RUN_ID") or tostring(os.time())
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

function init(args)
    counter = 0
    prefix = run .. "-" .. tostring(tid) .. "-"
    headers = {["Content-Type"] = "application/json"}
end

function request()
    counter = counter + 1
    local n = prefix .. counter
    local body = '{"prompt":"load test prompt ' .. n .. '","chosen":"good answer ' .. n ..
        '","rejected":"bad answer ' .. n .. '","annotatorId":"load-' .. tostring(tid) .. '"}'
    return wrk.format("POST", nil, headers, body)
end
