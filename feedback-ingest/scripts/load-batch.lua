-- wrk script: batches of LOAD_BATCH (default 100) preferences per POST to /v1/preferences, every
-- item unique (run id, thread number, request counter, item index).
local run = os.getenv("LOAD_RUN_ID") or tostring(os.time())
local size = tonumber(os.getenv("LOAD_BATCH") or "100")
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

function init(args)
    counter = 0
    prefix = "b" .. run .. "-" .. tostring(tid) .. "-"
    headers = {["Content-Type"] = "application/json"}
end

function request()
    counter = counter + 1
    local items = {}
    for i = 1, size do
        local n = prefix .. counter .. "-" .. i
        items[i] = '{"prompt":"load test prompt ' .. n .. '","chosen":"good answer ' .. n ..
            '","rejected":"bad answer ' .. n .. '","annotatorId":"load-' .. tostring(tid) .. '"}'
    end
    return wrk.format("POST", nil, headers, '{"items":[' .. table.concat(items, ",") .. ']}')
end
